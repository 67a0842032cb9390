"""plotly.js as the app serves it, for the app's own chart components (ui/components/plotly_chart,
ui/components/buyback_panel): its URL, and the browser's loader both components' modules start
with (plotly_load.js: one script element in the page, whichever component asks first)."""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st
import streamlit.components.v1 as components_v1

from ui.components import vendor

LOADER_JS = (Path(__file__).resolve().parent / "plotly_load.js").read_text(encoding="utf-8")


def plotly_url() -> str:
    """Where the browser gets plotly.js: the app's static folder when it holds the copy
    (ui/components/vendor.py), otherwise a Components v1 route to the file itself."""
    base = "/" + "/".join(p for p in str(st.get_option("server.baseUrlPath")).split("/") if p)
    base = base.rstrip("/") + "/"
    app_dir = _main_script_dir()
    if (
        st.get_option("server.enableStaticServing")
        and app_dir is not None
        and vendor.is_current(vendor.vendor_file(app_dir))
    ):
        return f"{base}app/static/{vendor.VENDOR}/{vendor.vendor_name()}"
    served = vendor.source()
    components_v1.declare_component("plotly_js", path=str(served.parent))
    return f"{base}component/{__name__}.plotly_js/{served.name}"


def _main_script_dir() -> Path | None:
    """The folder Streamlit serves ``static/`` from: the main script's (Streamlit runs it as
    ``__main__`` with its path in ``__file__``)."""
    main = sys.modules.get("__main__")
    path = getattr(main, "__file__", None)
    return Path(path).resolve().parent if isinstance(path, str) else None
