"""Hostile URL parameters on every page (issue 6), generated property-style with hypothesis.

Whatever the query string holds (unknown keys, wrong types, huge values, repeated keys, HTML and
script fragments), every page runs to the end without an exception, and no user-supplied text is ever
rendered as HTML.
"""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from tests.support.paths import ROOT

APP = str(ROOT / "app.py")

# The keys each page reads (so the generator hits real code paths as well as unknown keys).
PAGE_KEYS = {
    "pages/overview.py": [],
    "pages/service.py": ["service"],
    "pages/waterfall.py": ["view", "category", "axis"],
    "pages/staffing.py": [],
    "pages/buyback.py": [
        "all",
        "name",
        "bb_autism_teaching",
        "bb_autism_hlta",
        "bb_behaviour_and_other",
        "a_traded_charge_pct",
        "a_redundancy_cost_per_fte",
        "a_cost_per_fte.autism_teaching",
    ],
    "pages/data_sources.py": [],
    "pages/sen_needs.py": ["q"],
    "pages/workshop.py": ["join", "me", "workshop", "key"],
}

HOSTILE_VALUES = st.one_of(
    st.sampled_from(
        [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            '"><svg/onload=alert(1)>',
            "javascript:alert(1)",
            "[click](javascript:alert(1))",
            "**bold** :red[x] $x$ `code`",
            "../../etc/passwd",
            "1e309",
            "-1e309",
            "nan",
            "NaN",
            "inf",
            "-0",
            "1e-400",
            "0x10",
            "١٠٠",
            "999999999999999999999999",
            "-5",
            "150.0000001",
            "60%",
            "",
            "x" * 10_000,
            "\u202e\u0000\u0007\ud7ff",
        ]
    ),
    st.text(max_size=50),
)
KEY_TEXT = st.text(min_size=1, max_size=20)


@st.composite
def query(draw, page: str):
    keys = draw(st.lists(st.sampled_from(PAGE_KEYS[page] + ["zz"]) | KEY_TEXT, max_size=4))
    params: dict[str, str | list[str]] = {}
    for key in keys:
        if draw(st.booleans()):
            params[key] = draw(st.lists(HOSTILE_VALUES, min_size=2, max_size=3))  # repeated key
        else:
            params[key] = draw(HOSTILE_VALUES)
    return params


def run_page(page: str, params: dict[str, str | list[str]]) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page(page)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    return at


def user_text(params: dict[str, str | list[str]]) -> list[str]:
    values = []
    for key, value in params.items():
        values.append(key)
        values += value if isinstance(value, list) else [value]
    return [v for v in values if len(v) >= 6 and "<" in v]


def check(page: str, params: dict[str, str | list[str]]) -> None:
    at = run_page(page, params)
    assert not at.exception, (page, params, [e.value for e in at.exception])
    # Nothing the user supplied reaches an element that is allowed to render raw HTML.
    fragments = user_text(params)
    for element in at.markdown:
        if element.proto.allow_html:
            for fragment in fragments:
                assert fragment not in element.value, (page, fragment)


def make_test(page: str):
    @settings(
        max_examples=6,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(params=query(page))
    def test(params):
        check(page, params)

    return test


test_overview_hostile = make_test("pages/overview.py")
test_service_hostile = make_test("pages/service.py")
test_waterfall_hostile = make_test("pages/waterfall.py")
test_staffing_hostile = make_test("pages/staffing.py")
test_buyback_hostile = make_test("pages/buyback.py")
test_data_sources_hostile = make_test("pages/data_sources.py")
test_sen_needs_hostile = make_test("pages/sen_needs.py")
_workshop_hostile = make_test("pages/workshop.py")


def test_workshop_hostile(tmp_path: Path):
    # The workshop page opens the store: a database of its own, not the project's var/.
    from unittest import mock

    from redesign.store import DB_URL_ENV

    with mock.patch.dict(os.environ, {DB_URL_ENV: f"sqlite:///{tmp_path / 'redesign.db'}"}):
        _workshop_hostile()


def test_every_page_is_covered():
    """Keeps PAGE_KEYS in step with app.py: a new page must be added here too."""
    import re

    listed = set(re.findall(r'st\.Page\("(pages/[^"]+)"', Path(APP).read_text(encoding="utf-8")))
    assert listed == set(PAGE_KEYS)


def test_known_bad_values_show_notices():
    at = run_page("pages/service.py", {"service": "<script>alert(1)</script>"})
    assert not at.exception
    assert any("does not exist" in w.value for w in at.warning)
    at = run_page("pages/buyback.py", {"bb_autism_teaching": "900", "all": "abc"})
    assert not at.exception
    warnings = " ".join(w.value for w in at.warning)
    assert "900" in warnings and "abc" in warnings


def test_url_paths_equal_file_names():
    """A fresh server resolves the first URL against the pages/ folder's file names before app.py's
    st.navigation runs; a url_path that differs from its file name shows "Page not found"."""
    import re

    text = Path(APP).read_text(encoding="utf-8")
    pairs = re.findall(r'st\.Page\("pages/([^"]+)\.py".*?url_path="([^"]+)"', text)
    assert pairs and all(stem == url for stem, url in pairs), pairs


def test_unknown_keys_get_one_notice_and_leave_the_url():
    for page in (
        "pages/overview.py",
        "pages/service.py",
        "pages/waterfall.py",
        "pages/staffing.py",
        "pages/data_sources.py",
        "pages/sen_needs.py",
    ):
        at = run_page(page, {"utm_source": "<b>x</b>", "zz": "1"})
        assert not at.exception, page
        notices = [w.value for w in at.warning if "does not use" in w.value]
        assert len(notices) == 1, (page, [w.value for w in at.warning])
        assert "utm" in notices[0] and "zz" in notices[0]
        assert "utm_source" not in at.query_params and "zz" not in at.query_params
    at = run_page("pages/service.py", {"service": "sen_support"})
    assert not [w for w in at.warning if "does not use" in w.value]
