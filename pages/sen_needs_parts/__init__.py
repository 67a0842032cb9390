"""The SEN needs and provision page's parts (the page script is pages/sen_needs.py; its figures and
sentences are redesign.sen_view's and redesign.sen_analysis's).

    common    the page's context (dataset, SEN data, cached parts, document titles), sources, links
    figures   need, special schools, provision against the proposals, placements, need and support
    actions   the strategy's suggested actions (searched from the URL), its timeline, the checks

The page script stays pages/sen_needs.py: a fresh server resolves a first request against the
``*.py`` files directly in pages/ (see pages/buyback_parts/__init__.py).
"""
