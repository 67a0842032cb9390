"""redesign.present.library: what the scenario library shows, as text."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from redesign.buyback.model import BuybackModel
from redesign.present import library as pl
from redesign.store import DataCheck, Headline, SavedScenario, check_data_version

SAVED_AT = datetime(2026, 11, 23, 14, 5, tzinfo=UTC)  # 14:05 GMT: UK time is UTC in November
SUMMER = datetime(2026, 7, 1, 9, 30, tzinfo=UTC)  # 10:30 BST


def saved(model: BuybackModel, **changes: object) -> SavedScenario:
    s = model.uniform(0.6)
    out = Headline.of(model.evaluate(s))
    base = SavedScenario(
        id="abcdefABCDEF",
        name="Sixty",
        note="",
        author="SEN team",
        saved_at=SAVED_AT,
        updated_at=SAVED_AT,
        deleted_at=None,
        levels=dict(s.levels),
        assumptions={},
        data_digest="d1",
        retained_fte=out.retained_fte,
        redundant_fte=out.redundant_fte,
        traded_income_m=out.traded_income_m,
        saving_m=out.saving_m,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def test_saved_when_in_words_and_uk_time() -> None:
    assert pl.saved_when(SAVED_AT) == "23 November 2026, 14:05"
    assert pl.saved_when(SUMMER) == "1 July 2026, 10:30"
    assert pl.saved_when(SUMMER, UTC) == "1 July 2026, 09:30"


def test_restorable_until_is_thirty_days_after_deletion(dataset) -> None:
    s = saved(BuybackModel(dataset), deleted_at=SAVED_AT + timedelta(days=1))
    assert pl.restorable_until(s) == "24 December 2026, 14:05"


def test_list_rows_and_data_state(dataset) -> None:
    model = BuybackModel(dataset)
    rows = [
        saved(model),
        saved(model, id="x" * 12, data_digest="d0", author=""),
        saved(model, id="y" * 12, problem="group 'gone' is not in the current data"),
    ]
    listed = pl.list_rows(rows, "d1")
    assert all(list(row) == list(pl.LIST_COLUMNS) for row in listed)
    assert [row[pl.DATA] for row in listed] == [
        "Same data",
        "Data changed since saved",
        "Does not fit: group 'gone' is not in the current data",
    ]
    assert [row[pl.SAVED_BY] for row in listed] == ["SEN team", "—", "SEN team"]
    first = listed[0]
    assert first[pl.SAVED] == "23 November 2026, 14:05"
    assert first[pl.SAVING].startswith("£") and first[pl.SAVING].endswith("m")
    assert first[pl.KEPT] == f"{rows[0].retained_fte:.2f}"


def test_data_change_note_shows_both_results(dataset) -> None:
    model = BuybackModel(dataset)
    s = saved(model)
    assert pl.data_change_note(check_data_version(s, model, "d1")) is None
    same = pl.data_change_note(check_data_version(s, model, "d2"))
    assert same is not None and "results are the same" in same.sentence
    older = replace(s, saving_m=0.5)
    note = pl.data_change_note(check_data_version(older, model, "d2"))
    assert note is not None and "both are below" in note.sentence
    saving = next(r for r in note.rows if r["Output"] == "Saving £m")
    assert saving["When saved"] == "£0.50m"
    assert saving["On today's data"] == f"£{s.saving_m:.2f}m"


def test_data_change_note_lists_adjustments(dataset) -> None:
    model = BuybackModel(dataset)
    s = saved(model, levels={**saved(model).levels, "gone": 0.5})
    check: DataCheck = check_data_version(s, model, "d1")
    note = pl.data_change_note(check)
    assert note is not None
    assert any("gone" in a for a in note.adjustments)


def test_labels_and_links() -> None:
    assert pl.permalink("http://host/buyback", "abcdefABCDEF") == (
        "http://host/buyback?scenario=abcdefABCDEF"
    )


def test_choice_label_names_who_and_when(dataset) -> None:
    s = saved(BuybackModel(dataset))
    assert pl.choice_label(s) == "Sixty (saved by SEN team, 23 November 2026, 14:05)"
    assert pl.choice_label(replace(s, author="")) == "Sixty (saved, 23 November 2026, 14:05)"


def test_earlier_data_note_only_when_the_data_changed(dataset) -> None:
    s = saved(BuybackModel(dataset))
    assert pl.earlier_data_note(s, "d1") is None
    note = pl.earlier_data_note(s, "d2")
    assert note is not None and f"saving £{s.saving_m:.2f}m a year" in note
