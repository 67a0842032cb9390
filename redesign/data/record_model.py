"""Typed records read with pydantic, with its errors put in this tool's words.

pydantic checks the shape (types, required and unknown fields, allowed values, bounds); each of its
errors becomes a ``DataProblem`` naming the file, the record and the field, worded as the
hand-written readers in ``fields`` word theirs, so a user sees one style of message whatever read
the file.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, ClassVar, TypeVar

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from redesign.data.context import MAX_TEXT_CHARS, Context
from redesign.data.yaml_io import type_name

# Plain text with the same limit as every other text field; a number is not text.
Text = Annotated[str, StringConstraints(min_length=1, max_length=MAX_TEXT_CHARS)]
# A finite number that is not negative; true/false is not a number (strict mode).
Amount = Annotated[float, Field(ge=0, allow_inf_nan=False)]

Record = TypeVar("Record", bound="StrictRecord")


class StrictRecord(BaseModel):
    """Frozen, no type coercion, and an unknown key is a problem (usually a typo)."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)
    # What to write when a required field is missing, where "missing (expected text)" is not enough.
    missing_hints: ClassVar[dict[str, str]] = {}


class FigureEntry(StrictRecord):
    """A sourced figure as a data file states it: ``{value, quote, [section], [label], [note]}``."""

    value: Annotated[float, Field(allow_inf_nan=False)] | None  # the key is required; null is not
    quote: Text
    section: Text | None = None
    label: Text | None = None
    note: Text | None = None
    missing_hints: ClassVar[dict[str, str]] = {
        "value": "use value: null where the source gives no number"
    }


class FigureRangeEntry(StrictRecord):
    """A sourced range: ``{min, max, quote, [open_ended], [section], [note]}``; no max: open-ended."""

    min: Amount
    max: Amount | None = None
    open_ended: bool | None = None  # unset: open-ended exactly when there is no max
    quote: Text
    section: Text | None = None
    note: Text | None = None


def read_record(
    model: type[Record],
    ctx: Context,
    raw: dict[str, Any],
    prefix: str = "",
    read_by_caller: frozenset[str] = frozenset(),
) -> Record | None:
    """``raw`` as a ``model``, or None with every problem added to ``ctx``.

    Keys in ``read_by_caller`` are left to the caller (and named among the fields a typo meant).
    """
    try:
        return model.model_validate({k: v for k, v in raw.items() if k not in read_by_caller})
    except ValidationError as exc:
        for error in exc.errors():
            field_name, message = describe(model, error, read_by_caller)
            ctx.problem(f"{prefix}{field_name}", message)
        return None


def describe(
    model: type[BaseModel], error: Mapping[str, Any], also_allowed: frozenset[str] = frozenset()
) -> tuple[str, str]:
    """The field an error is about and what is wrong with it, in a user's words."""
    field_name = ".".join(str(part) for part in error["loc"]) or "(record)"
    kind, value, details = error["type"], error["input"], error.get("ctx") or {}
    shown = repr(value)[:120]
    if kind == "missing":
        hint = model.missing_hints.get(field_name) if issubclass(model, StrictRecord) else None
        return field_name, f"missing ({hint or 'expected ' + _expected(model, field_name)})"
    if kind == "extra_forbidden":
        allowed = ", ".join(sorted({*model.model_fields, *also_allowed}))
        return field_name, f"unknown field (expected one of: {allowed})"
    if kind == "literal_error":
        return field_name, f"expected one of: {_plain_choices(details)}; got {shown}"
    if kind == "string_type":
        return field_name, f"expected text, got {type_name(value)} {shown}"
    if kind == "string_too_short":
        return field_name, "is empty"
    if kind == "string_too_long":
        return field_name, f"text is {len(value):,} characters; the limit is {MAX_TEXT_CHARS:,}"
    if kind in {"float_type", "float_parsing", "int_type", "int_parsing"}:
        return field_name, f"expected a number, got {type_name(value)} {shown}"
    if kind == "finite_number":
        return field_name, f"expected a finite number, got {shown}"
    if kind == "greater_than_equal" and details.get("ge") == 0:
        return field_name, f"must not be negative, got {shown}"
    if kind == "model_type":
        return field_name, f"expected a mapping, got {type_name(value)}"
    return field_name, str(error["msg"])


def _expected(model: type[BaseModel], field_name: str) -> str:
    info = model.model_fields.get(field_name)
    annotation = getattr(info, "annotation", None)
    if annotation is float or annotation is int:
        return "a number"
    return "text"


def _plain_choices(details: dict[str, Any]) -> str:
    # pydantic quotes each choice ("'a' or 'b'"); list them as the other readers do.
    return str(details.get("expected", "")).replace("'", "").replace(" or ", ", ")
