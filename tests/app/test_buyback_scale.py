"""The buy-back page and model with many at-risk groups (synthetic data, tests/support/synthetic.py).

With more groups than pages/buyback_parts/state.py MAX_GROUP_CARDS only the chosen groups get controls (one control
per group made a rerun grow with the square of the groups), every group still counts, the
all-groups control moves the hidden ones, and the FTE chart combines the smallest groups; in the
panel (the default design) and in the previous design's sliders (REDESIGN_BUYBACK_PANEL=0).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from pages.buyback_parts.panel import ENV, PANEL
from pages.buyback_parts.state import MAX_GROUP_CARDS
from redesign import load_dataset
from redesign.buyback.charts import MAX_FTE_BARS, fte_bars, fte_figure
from redesign.buyback.model import BuybackModel, Scenario
from redesign.buyback.panel import panel_spec
from tests.support.charts import charts
from tests.support.paths import ROOT
from tests.support.synthetic import make_dataset
from ui.components.buyback_panel import scenario_state

APP = str(ROOT / os.environ.get("REDESIGN_APP_PATH", "app.py"))
PAGE = "pages/buyback.py"


@pytest.fixture(scope="module")
def big_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_dataset(tmp_path_factory.mktemp("syn") / "data", 10)


@pytest.fixture(scope="module")
def big_model(big_data: Path) -> BuybackModel:
    return BuybackModel(load_dataset(big_data))


def test_real_data_shows_every_group(dataset) -> None:
    model = BuybackModel(dataset)
    assert len(model.groups) <= MAX_GROUP_CARDS
    assert model.largest_groups(MAX_GROUP_CARDS) == model.group_ids
    # Every assumption the buy-back model uses (the workshop's own are on the workshop page).
    used = [a for a, spec in model.assumptions.items() if spec.used_by == "buyback"]
    assert model.assumption_ids_for(model.group_ids) == used


def test_largest_groups_and_their_assumptions(big_model: BuybackModel) -> None:
    m = big_model
    assert len(m.groups) > MAX_GROUP_CARDS
    chosen = m.largest_groups(4)
    assert len(chosen) == 4
    smallest_chosen = min(m.at_risk_fte[g] for g in chosen)
    assert all(m.at_risk_fte[g] <= smallest_chosen for g in m.group_ids if g not in chosen)
    # In data order.
    assert list(chosen) == [g for g in m.group_ids if g in chosen]
    ids = m.assumption_ids_for(chosen[:1])
    shared = [
        a
        for a, spec in m.assumptions.items()
        if m.assumption_group(a) is None and spec.used_by == "buyback"
    ]
    assert set(shared) <= set(ids)
    assert {m.assumption_group(a) for a in ids} == {None, chosen[0]}
    assert m.assumption_ids_for(m.group_ids) == [
        a for a, spec in m.assumptions.items() if spec.used_by == "buyback"
    ]


@settings(max_examples=40, deadline=None)
@given(levels=st.lists(st.floats(0, 1.5), min_size=1, max_size=40), limit=st.integers(1, 10))
def test_fte_bars_keep_the_totals(big_model: BuybackModel, levels: list[float], limit: int) -> None:
    m = big_model
    s = Scenario({g: levels[i % len(levels)] for i, g in enumerate(m.group_ids)})
    result = m.evaluate(s)
    bars = fte_bars(result, limit)
    assert len(bars) == min(limit, len(result.groups))
    for field, whole in (
        ("at_risk_fte", result.at_risk_fte),
        ("redundant_fte", result.redundant_fte),
        ("expansion_fte", result.expansion_fte),
    ):
        assert sum(getattr(b, field) for b in bars) == pytest.approx(whole, abs=1e-6)
    assert sum(b.kept_fte + b.expansion_fte for b in bars) == pytest.approx(
        result.retained_fte, abs=1e-6
    )
    if len(result.groups) > limit:
        assert bars[-1].label.startswith(f"Other {len(result.groups) - limit + 1} groups")
    fig = fte_figure(result, limit)
    assert all(len(trace["y"]) == len(bars) for trace in fig["data"])


def _open(big_data: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("REDESIGN_DATA_DIR", str(big_data))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page(PAGE)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _group_sliders(at: AppTest) -> list:
    return [s for s in at.slider if s.key.startswith("bb:slider:") and "all" not in s.key]


def test_page_with_many_groups(
    big_data: Path, big_model: BuybackModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The panel (the default design) gets a part for each chosen group only, and a spec that
    holds every group."""
    m = big_model
    at = _open(big_data, monkeypatch)
    shown = m.largest_groups(MAX_GROUP_CARDS)
    assert _panel_groups(at) == set(shown)
    assert _panel_spec(at) == json.loads(
        json.dumps(panel_spec(m, at.session_state["bb:scenario"], shown=shown))
    )
    chooser = at.multiselect(key="bb:shown_select")
    assert list(chooser.value) == list(shown)
    texts = " ".join(c.value for c in at.caption)
    assert f"There are {len(m.groups)} at-risk groups" in texts
    assert "keep theirs" in texts  # the assumptions section says which are shown

    # Swap one shown group for a hidden one: its part appears, and the spec says so.
    hidden = next(g for g in m.group_ids if g not in shown)
    chooser.set_value([*shown[1:], hidden]).run()
    assert not at.exception
    groups = _panel_groups(at)
    assert hidden in groups and shown[0] not in groups
    assert len(groups) == MAX_GROUP_CARDS
    assert hidden in _panel_spec(at)["shown"] and shown[0] not in _panel_spec(at)["shown"]
    assert any(n.key.split("#")[0] == f"bb:a:cost_per_fte.{hidden}" for n in at.number_input)

    # The all-groups control moves every group, shown or not; the link carries them all.
    at.session_state[PANEL] = scenario_state(all_pct=50)
    at.run()
    assert not at.exception
    assert all(at.query_params[f"bb_{g}"] == "50" for g in m.group_ids)
    assert at.session_state[f"{PANEL}:push"].shows == dict.fromkeys(m.group_ids, 0.5)


def _panel_parts(at: AppTest) -> dict[str, dict]:
    return {
        el.proto.id.split("-", 2)[-1]: json.loads(el.proto.json) for el in at.get("bidi_component")
    }


def _panel_groups(at: AppTest) -> set[str]:
    prefix = f"{PANEL}:group:"
    return {k.removeprefix(prefix) for k in _panel_parts(at) if k.startswith(prefix)}


def _panel_spec(at: AppTest) -> dict:
    spec: dict = _panel_parts(at)[PANEL]["spec"]
    return spec


def test_previous_design_with_many_groups(
    big_data: Path, big_model: BuybackModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same with the previous design's sliders (REDESIGN_BUYBACK_PANEL=0)."""
    monkeypatch.setenv(ENV, "0")
    m = big_model
    at = _open(big_data, monkeypatch)
    shown = m.largest_groups(MAX_GROUP_CARDS)
    assert {s.key.split("#")[0].removeprefix("bb:slider:") for s in _group_sliders(at)} == set(
        shown
    )
    chooser = at.multiselect(key="bb:shown_select")
    assert list(chooser.value) == list(shown)
    texts = " ".join(c.value for c in at.caption)
    assert f"There are {len(m.groups)} at-risk groups" in texts
    assert "keep theirs" in texts  # the assumptions section says which are shown

    # Swap one shown group for a hidden one: its controls appear with its level.
    hidden = next(g for g in m.group_ids if g not in shown)
    chooser.set_value([*shown[1:], hidden]).run()
    assert not at.exception
    keys = {s.key.split("#")[0].removeprefix("bb:slider:") for s in _group_sliders(at)}
    assert hidden in keys and shown[0] not in keys
    assert len(keys) == MAX_GROUP_CARDS
    assert any(n.key.split("#")[0] == f"bb:a:cost_per_fte.{hidden}" for n in at.number_input)

    # The all-groups control moves every group, shown or not; the link carries them all.
    all_slider = next(s for s in at.slider if s.key.split("#")[0] == "bb:slider:all")
    all_slider.set_value(50).run()
    assert not at.exception
    assert all(at.query_params[f"bb_{g}"] == "50" for g in m.group_ids)
    assert all(s.value == 50 for s in _group_sliders(at))
    # The FTE chart (the page's first chart) draws the largest groups and one combined bar.
    spec = charts(at)[0].figure
    assert {len(trace["y"]) for trace in spec["data"]} == {MAX_FTE_BARS}
    assert any("Other" in label for label in spec["data"][0]["y"])
