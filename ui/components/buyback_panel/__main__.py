"""``python -m ui.components.buyback_panel [FOLDER ...]``: copy plotly.js into each app folder's
static/vendor/ (ui/components/vendor.py)."""

import sys

from ui.components.vendor import main

raise SystemExit(main(sys.argv[1:]))
