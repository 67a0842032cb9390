"""Open the "Show data table" expanders of a page under AppTest, as a user opening them would.

The tables under charts are drawn only while their expander is open (ui.blocks.table_expander),
and AppTest has no click for an expander, so this sets each one's state by its key and reruns.
"""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from ui.blocks import TABLE_EXPANDER_LABEL, TABLE_EXPANDER_PREFIX


def data_table_keys(at: AppTest) -> list[str]:
    """The widget keys of the page's "Show data table" expanders (their ids end with the key)."""
    keys = []
    for box in at.expander:
        if box.label == TABLE_EXPANDER_LABEL:
            key = box.proto.id.split("-", 2)[-1]
            assert key.startswith(TABLE_EXPANDER_PREFIX), box.proto.id
            keys.append(key)
    return keys


def open_data_tables(at: AppTest) -> AppTest:
    """Every "Show data table" expander on the page opened, and the page rerun."""
    keys = data_table_keys(at)
    assert keys, "no data table expander on the page"
    for key in keys:
        at.session_state[key] = True
    return at.run()
