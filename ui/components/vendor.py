"""plotly.js for the app's charts (ui/components/plotly_chart and the buy-back panel), served by
the app itself (nothing from the internet).

The charts use only bar and scatter traces, so the app serves plotly.js's "basic" bundle (bar,
scatter, pie: 1.2 MB against the full bundle's 4.7 MB, which a browser must parse and compile on
every page load; bench/README.md). It is vendored in ui/components/vendor_js/ (from the npm package
plotly.js-basic-dist-min, MIT licence beside it) at the version of the plotly.js that the installed
``plotly`` package ships; if the two differ (plotly was upgraded), the package's full bundle is
served instead, and tests/unit/test_plotly_vendor.py fails until the basic bundle is updated.

Served from the app's static folder (``server.enableStaticServing``, ``<main script's
folder>/static``) the browser keeps it in its HTTP cache (validators, so a warm load is a 304 or
nothing); that needs a copy of the file there, made by ``python -m ui.components.buyback_panel
[FOLDER ...]`` (``make assets``; the default folder is the app's). Without the copy the charts
still work: the file is served through a Components v1 route, which Streamlit sends again,
compressed, on every page load (bench/README.md has the measured difference)."""

from __future__ import annotations

import functools
import re
import shutil
import sys
from pathlib import Path

import plotly
from plotly.offline import get_plotlyjs_version

PLOTLY_JS = Path(plotly.__file__).resolve().parent / "package_data" / "plotly.min.js"
BASIC_DIR = Path(__file__).resolve().parent / "vendor_js"
APP_DIR = Path(__file__).resolve().parents[2]
VENDOR = "vendor"
_BASIC_VERSION = re.compile(rb"plotly\.js \(basic - minified\) v([0-9][0-9A-Za-z.+-]*)")


def basic_bundle_version(path: Path) -> str | None:
    """The version a vendored basic bundle states in its header, or None."""
    try:
        with path.open("rb") as f:
            head = f.read(400)
    except OSError:
        return None
    match = _BASIC_VERSION.search(head)
    return match.group(1).decode() if match else None


@functools.cache
def source() -> Path:
    """The plotly.js the app serves: the vendored basic bundle of the package's plotly.js
    version, or the package's full bundle if there is none. Found once (it is asked for by
    every chart on every run, through plotly_js.plotly_url)."""
    basic = BASIC_DIR / f"plotly-basic-{get_plotlyjs_version()}.min.js"
    if basic_bundle_version(basic) == get_plotlyjs_version():
        return basic
    return PLOTLY_JS


def vendor_name() -> str:
    """The copy's file name, versioned so that a new plotly is never served from an old cache."""
    src = source()
    return src.name if src != PLOTLY_JS else f"plotly-{get_plotlyjs_version()}.min.js"


def vendor_file(app_dir: Path) -> Path:
    return app_dir / "static" / VENDOR / vendor_name()


def is_current(path: Path) -> bool:
    """The copy exists and is the file the app serves (same size and modification time)."""
    try:
        mine, theirs = path.stat(), source().stat()
    except OSError:
        return False
    return mine.st_size == theirs.st_size and int(mine.st_mtime) == int(theirs.st_mtime)


def ensure_copy(app_dir: Path) -> Path:
    """Copy the served plotly.js into ``app_dir``/static/vendor/ (once; kept if already current).

    The modification time is kept (copy2): browsers give a file without an explicit lifetime a
    freshness from its age."""
    target = vendor_file(app_dir)
    if not is_current(target):
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_suffix(".tmp")
        shutil.copy2(source(), temporary)
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
