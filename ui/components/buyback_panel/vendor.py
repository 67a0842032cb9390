"""plotly.js for the buy-back panel, served by the app itself (nothing from the internet).

The panel loads the plotly.js that the installed ``plotly`` package ships. Served from the app's
static folder (``server.enableStaticServing``, ``<main script's folder>/static``) the browser keeps
it in its HTTP cache (validators, so a warm load is a 304 or nothing); that needs a copy of the file
there, made by ``python -m ui.components.buyback_panel [FOLDER ...]`` (``make assets``; the
default folder is the app's). Without the copy the panel still works: the file is served through a
Components v1 route straight from the plotly package, which Streamlit sends again, compressed, on
every page load (bench/README.md has the measured difference)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import plotly
from plotly.offline import get_plotlyjs_version

PLOTLY_JS = Path(plotly.__file__).resolve().parent / "package_data" / "plotly.min.js"
APP_DIR = Path(__file__).resolve().parents[3]
VENDOR = "vendor"


def vendor_name() -> str:
    """The copy's file name, versioned so that a new plotly is never served from an old cache."""
    return f"plotly-{get_plotlyjs_version()}.min.js"


def vendor_file(app_dir: Path) -> Path:
    return app_dir / "static" / VENDOR / vendor_name()


def is_current(path: Path) -> bool:
    """The copy exists and is the installed file (same size and modification time)."""
    try:
        mine, theirs = path.stat(), PLOTLY_JS.stat()
    except OSError:
        return False
    return mine.st_size == theirs.st_size and int(mine.st_mtime) == int(theirs.st_mtime)


def ensure_copy(app_dir: Path) -> Path:
    """Copy plotly.min.js into ``app_dir``/static/vendor/ (once; kept if already current).

    The modification time is kept (copy2): browsers give a file without an explicit lifetime a
    freshness from its age."""
    target = vendor_file(app_dir)
    if not is_current(target):
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_suffix(".tmp")
        shutil.copy2(PLOTLY_JS, temporary)
        temporary.replace(target)
    return target


def main(argv: list[str]) -> int:
    folders = [Path(a) for a in argv] or [APP_DIR]
    for folder in folders:
        if not folder.is_dir():
            print(f"vendor: {folder} is not a folder", file=sys.stderr)
            return 2
        print(ensure_copy(folder))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
