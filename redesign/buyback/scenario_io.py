"""A buy-back scenario in and out of the URL query string and a small YAML file.

Both directions are exact: a scenario written out and read back is equal to the original. Levels are
kept to 0.1% (the finest step the page offers), so their text form is short and exact.
Reading is defensive: URL values that are malformed are ignored and out-of-range values clamped, each
with a notice; an uploaded file that is not valid is refused whole with a DataError naming the field.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping

import yaml

from redesign.buyback.model import MAX_LEVEL, MIN_LEVEL, BuybackModel, Scenario
from redesign.core.errors import DataError, DataProblem
from redesign.data.yaml_io import parse_yaml_bytes

FORMAT = "redesign-explorer-scenario"
VERSION = 1
MAX_SCENARIO_BYTES = 64_000
MAX_NAME_CHARS = 60
MAX_VALUE_CHARS = 24
LEVEL_PREFIX = "bb_"
ASSUMPTION_PREFIX = "a_"
ALL_KEY = "all"
NAME_KEY = "name"
# C0 and C1 control characters and lone surrogates (which cannot be written as UTF-8).
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def quantize_level(level: float) -> float:
    """Buy-back levels are kept to 0.1% so that their text form round-trips exactly."""
    return round(level * 1000) / 1000


def level_to_pct_text(level: float) -> str:
    return f"{quantize_level(level) * 100:.1f}".removesuffix(".0")


def pct_text_to_level(text: str) -> float:
    return round(float(text) * 10) / 1000


def _number_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def clean_name(name: str) -> str:
    """A scenario name as plain text: no control characters, at most MAX_NAME_CHARS.

    Idempotent (stripped again after shortening, so a cut that ends in a space cannot leave one),
    which the exact round-trip needs."""
    return _CONTROL.sub("", name).strip()[:MAX_NAME_CHARS].strip()


def make_scenario(
    model: BuybackModel,
    levels: Mapping[str, float],
    assumptions: Mapping[str, float] | None = None,
    name: str = "",
) -> Scenario:
    """A canonical scenario: every group present, levels quantized, only changed assumptions kept."""
    defaults = model.default_scenario().levels
    canonical = {gid: quantize_level(levels.get(gid, defaults[gid])) for gid in model.group_ids}
    changed = {
        aid: float(v)
        for aid, v in (assumptions or {}).items()
        if aid in model.assumptions and float(v) != model.assumptions[aid].default
    }
    return Scenario(canonical, changed, clean_name(name))


# --- URL query string -------------------------------------------------------------------------


def to_query(model: BuybackModel, scenario: Scenario) -> dict[str, str]:
    params = {
        f"{LEVEL_PREFIX}{gid}": level_to_pct_text(scenario.levels[gid]) for gid in model.group_ids
    }
    for aid in sorted(scenario.assumptions):
        params[f"{ASSUMPTION_PREFIX}{aid}"] = _number_text(scenario.assumptions[aid])
    if scenario.name:
        params[NAME_KEY] = scenario.name
    return params


def is_scenario_key(key: str) -> bool:
    return key.startswith((LEVEL_PREFIX, ASSUMPTION_PREFIX)) or key in (ALL_KEY, NAME_KEY)


def _shown(value: str) -> str:
    """A user-supplied value made safe to quote in a notice: short, no control characters."""
    text = _CONTROL.sub("", value)
    return text if len(text) <= 40 else text[:40] + "…"


def _parse_number(text: str) -> float | None:
    if len(text) > MAX_VALUE_CHARS:
        return None
    try:
        value = float(text.strip().removesuffix("%"))
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def from_query(
    model: BuybackModel, params: Mapping[str, str | list[str]]
) -> tuple[Scenario, list[str]]:
    """Read a scenario from query parameters; returns it with notices for anything ignored or clamped.

    Keys that are not scenario keys are left alone (other page state uses them)."""
    notices: list[str] = []
    base = model.default_scenario()
    levels = dict(base.levels)
    assumptions: dict[str, float] = {}
    name = ""

    def single(key: str) -> str | None:
        raw = params[key]
        if isinstance(raw, list):
            if len(raw) != 1:
                notices.append(f"'{_shown(key)}' was given {len(raw)} times; ignored.")
                return None
            raw = raw[0]
        return str(raw)

    def level_from(key: str, text: str) -> float | None:
        pct = _parse_number(text)
        if pct is None:
            notices.append(f"'{_shown(key)}={_shown(text)}' is not a percentage; ignored.")
            return None
        lo, hi = MIN_LEVEL * 100, MAX_LEVEL * 100
        if not lo <= pct <= hi:
            clamped = min(max(pct, lo), hi)
            notices.append(
                f"'{_shown(key)}={_shown(text)}' is outside {lo:g}–{hi:g}%; used {clamped:g}%."
            )
            pct = clamped
        return pct_text_to_level(f"{pct:.1f}")

    keys = list(params)
    if ALL_KEY in keys:  # the "all groups" control first, so per-group values override it
        keys.remove(ALL_KEY)
        keys.insert(0, ALL_KEY)
    for key in keys:
        if not is_scenario_key(key):
            continue
        text = single(key)
        if text is None:
            continue
        if key == NAME_KEY:
            name = clean_name(text)
            if len(_CONTROL.sub("", text).strip()) > MAX_NAME_CHARS:
                notices.append(f"Scenario name shortened to {MAX_NAME_CHARS} characters.")
        elif key == ALL_KEY:
            level = level_from(key, text)
            if level is not None:
                levels = dict.fromkeys(model.group_ids, level)
        elif key.startswith(LEVEL_PREFIX):
            gid = key.removeprefix(LEVEL_PREFIX)
            if gid not in levels:
                notices.append(f"'{_shown(key)}' is not a buy-back group; ignored.")
                continue
            level = level_from(key, text)
            if level is not None:
                levels[gid] = level
        else:
            aid = key.removeprefix(ASSUMPTION_PREFIX)
            spec = model.assumptions.get(aid)
            if spec is None:
                notices.append(f"'{_shown(key)}' is not an assumption; ignored.")
                continue
            value = _parse_number(text)
            if value is None:
                notices.append(f"'{_shown(key)}={_shown(text)}' is not a number; ignored.")
                continue
            if not spec.min <= value <= spec.max:
                value = spec.clamp(value)
                notices.append(
                    f"'{_shown(key)}' is outside {spec.min:g}–{spec.max:g}; used {value:g}."
                )
            assumptions[aid] = value
    return make_scenario(model, levels, assumptions, name), notices


# --- YAML file --------------------------------------------------------------------------------


def to_yaml(model: BuybackModel, scenario: Scenario) -> str:
    body = {
        "format": FORMAT,
        "version": VERSION,
        "name": scenario.name,
        "buyback_pct": {
            gid: float(level_to_pct_text(scenario.levels[gid])) for gid in model.group_ids
        },
        "assumptions": {aid: scenario.assumptions[aid] for aid in sorted(scenario.assumptions)},
    }
    header = (
        "# Redesign Explorer buy-back scenario. Buy-back is % of today's at-risk establishment\n"
        "# (0 to 150). Assumptions listed here differ from data/assumptions.yaml; the rest use\n"
        "# their defaults. Proposals, not decisions.\n"
    )
    return header + yaml.safe_dump(body, sort_keys=False, allow_unicode=True)


def from_yaml(model: BuybackModel, raw: bytes, file_label: str = "scenario.yaml") -> Scenario:
    """Read an uploaded scenario file; raise DataError naming the file and field on any problem."""
    try:
        data = parse_yaml_bytes(raw, file_label, MAX_SCENARIO_BYTES)
    except (ValueError, TypeError, AttributeError, OverflowError) as exc:
        # Raised by PyYAML's value constructors, not as YAMLError: an impossible date
        # (2016-13-45), an integer over Python's 4,300-digit limit, "!!float x", a bad
        # "!!timestamp". An upload must never surface them as a traceback.
        raise DataError.single(
            file_label, "", "", f"invalid YAML value ({type(exc).__name__}): {str(exc)[:80]}"
        ) from None
    problems: list[DataProblem] = []

    def problem(field: str, message: str) -> None:
        problems.append(DataProblem(file_label, "scenario", field, message))

    if not isinstance(data, dict):
        raise DataError.single(file_label, "scenario", "", "expected a mapping of scenario fields")
    allowed = {"format", "version", "name", "buyback_pct", "assumptions"}
    for key in data:
        if key not in allowed:
            problem(str(key)[:40], f"unknown field (expected one of: {', '.join(sorted(allowed))})")
    if data.get("format") != FORMAT:
        problem("format", f"expected {FORMAT!r}: is this a Redesign Explorer scenario file?")
    if type(data.get("version")) is not int or data.get("version") != VERSION:  # not True
        problem("version", f"expected {VERSION}, got {str(data.get('version'))[:20]!r}")
    name = data.get("name", "")
    if name is None:
        name = ""
    if not isinstance(name, str):
        problem("name", "expected text")
        name = ""
    elif len(name) > MAX_NAME_CHARS:
        problem("name", f"longer than {MAX_NAME_CHARS} characters")

    levels: dict[str, float] = {}
    raw_levels = data.get("buyback_pct")
    if not isinstance(raw_levels, dict):
        problem("buyback_pct", "missing or not a mapping of group: percentage")
        raw_levels = {}
    for gid, value in raw_levels.items():
        field = f"buyback_pct.{str(gid)[:40]}"
        if gid not in model.group_ids:
            problem(field, f"unknown group (expected one of: {', '.join(model.group_ids)})")
        elif isinstance(value, bool) or not isinstance(value, (int, float)):
            problem(field, f"expected a number, got {type(value).__name__}")
        elif not math.isfinite(value) or not MIN_LEVEL * 100 <= value <= MAX_LEVEL * 100:
            problem(field, f"must be between {MIN_LEVEL * 100:g} and {MAX_LEVEL * 100:g}")
        else:
            levels[gid] = pct_text_to_level(f"{value:.1f}")
    if isinstance(data.get("buyback_pct"), dict):  # every group, as to_yaml writes them
        for gid in model.group_ids:
            if gid not in raw_levels:
                problem(f"buyback_pct.{gid}", "missing")

    assumptions: dict[str, float] = {}
    raw_assumptions = data.get("assumptions") or {}
    if not isinstance(raw_assumptions, dict):
        problem("assumptions", "expected a mapping of assumption id: value")
        raw_assumptions = {}
    for aid, value in raw_assumptions.items():
        field = f"assumptions.{str(aid)[:60]}"
        spec = model.assumptions.get(aid)
        if spec is None:
            problem(field, "unknown assumption (see data/assumptions.yaml)")
        elif isinstance(value, bool) or not isinstance(value, (int, float)):
            problem(field, f"expected a number, got {type(value).__name__}")
        elif not math.isfinite(value) or not spec.min <= value <= spec.max:
            problem(field, f"must be between {spec.min:g} and {spec.max:g}")
        else:
            assumptions[aid] = float(value)
    if problems:
        raise DataError(problems)
    return make_scenario(model, levels, assumptions, name)
