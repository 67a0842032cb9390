"""The buy-back what-if page's parts (the page script is pages/buyback.py).

Everything mutable lives in ``st.session_state`` under keys starting ``bb:`` (one session never sees
another's scenario); these modules hold only constants and functions. The arithmetic and the rules
are in redesign (buyback_view, buyback_compare, buyback_text, scenario, scenario_io); these modules
draw them.

    state        session keys, the model and scenario, widget keys, the URL and share link
    callbacks    what a change to a level, an assumption or the name does to the scenario
    controls     the sliders and exact boxes: all groups, each group's card, the group chooser
    results      the tiles, both charts and the share box
    library      "Save and compare scenarios": the name, saving to the library, the store's notice
    library_list the saved scenarios: list, the chosen one's actions, recently deleted
    library_actions  what the library's buttons do, and opening a saved scenario's permalink
    comparison   up to four scenarios side by side (set above, or saved), each with its link
    assumptions  the assumption cards and the method note
    upload       opening a saved scenario file, and the link's notices
    layout       the page: what full runs draw, and the fragment a key press reruns

Why not ``pages/buyback/``: a fresh server's first request is resolved against the ``*.py`` files
directly in ``pages/`` (Streamlit's legacy pages folder), so the page script must stay
``pages/buyback.py`` for a first visit to /buyback to work, and a package of the same name beside
it would make ``pages.buyback`` mean two things.
"""
