"""bench/results/REPORT.md from the results dictionary (bench/results/latest.json)."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from bench.common import fmt_ms, fmt_x, ratio, slope_per_minute

LINEAR_EXPONENT = 1.2
# Floors in the order they are shown, before the pages (older results have only "baseline").
FLOOR_NAMES = {
    "baseline": "empty app (floor)",
    "chart_floor": "one-chart floor",
    "chart_floor_2": "two-chart floor",
    "frame_floor": "app frame floor",
    "block_floor": "app frame + one chart block",
    "block_floor_2": "app frame + two chart blocks",
}


def _n(value: Any, digits: int = 1) -> str:
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "—"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(str(c).replace("|", "/") for c in row) + " |" for row in rows]
    return [*out, ""]


def _error(section: dict[str, Any]) -> list[str]:
    return [f"**Not measured**: `{section['error'][:600]}`", ""] if "error" in section else []


def _latency(lat: dict[str, Any]) -> list[str]:
    lines = ["## 1. Interaction latency in a real browser", ""]
    lines += [
        "Headless Debian chromium (Playwright). Key press (ArrowRight/ArrowLeft alternately) on the "
        "focused first slider to settled: script state idle, no websocket message and no DOM "
        "change for 150 ms, and a frame produced after the last DOM change (the quiet period is "
        "not counted). The empty app, the chart floors (bench/chart_floor_app.py: the same "
        "slider and one, or two, Plotly charts it changes, built like the buy-back page's) and "
        "the buy-back page are pressed in turn (A, B, C, D, A, ...) under the same server "
        "settings; the settings rows differ only in `runner.postScriptGC`. Ratios are to the "
        "empty app (the issue's targets) and to the one-chart floor (what a page that redraws a "
        "chart on each press can reach).",
        "",
    ]
    lines += _error(lat)
    rows = []
    for gc, v in lat.get("variants", {}).items():
        mark = " (as configured)" if gc == lat.get("configured_postScriptGC") else ""
        chart_ms = v.get("chart_floor", {}).get("ms", {})
        for name in (*FLOOR_NAMES, "buyback"):
            if name not in v:
                continue
            ms = v[name]["ms"]
            # Older results stored only the buy-back page's ratios (ratio_p50 / ratio_p90).
            vs_empty = {
                q: v[name].get(
                    f"vs_empty_{q}",
                    v[f"ratio_{q}"] if name == "buyback" else ratio(ms[q], v["baseline"]["ms"][q]),
                )
                for q in ("p50", "p90")
            }
            rows.append(
                [
                    f"postScriptGC={gc}{mark}",
                    FLOOR_NAMES.get(name, "buy-back page"),
                    _n(ms.get("n"), 0),
                    fmt_ms(ms["p50"]),
                    fmt_ms(ms["p90"]),
                    fmt_x(vs_empty["p50"]),
                    fmt_x(vs_empty["p90"]),
                    fmt_x(ratio(ms["p50"], chart_ms.get("p50", math.nan))),
                    _n(v[name]["kb"]["p50"]),
                    *(
                        _n(v[name].get("renderer_ms", {}).get(k), 0)
                        for k in ("task_ms", "script_ms", "layout_ms", "style_ms")
                    ),
                ]
            )
    if rows:
        lines += _table(
            [
                "settings",
                "target",
                "n",
                "p50 ms",
                "p90 ms",
                "p50 vs empty",
                "p90 vs empty",
                "p50 vs one-chart floor",
                "KB/press",
                "renderer busy ms",
                "JS ms",
                "layout ms",
                "style ms",
            ],
            rows,
        )
        lines += [
            "Renderer columns: medians of Chrome's own main-thread counters (DevTools "
            "`Performance.getMetrics`: TaskDuration, ScriptDuration, LayoutDuration, "
            "RecalcStyleDuration) over each press until settled, quiet period included; they "
            "say how much of the latency is the browser's work, and vary less than wall time "
            "on a busy machine.",
            "",
        ]
    for gc, v in lat.get("variants", {}).items():
        info = v.get("buyback", {}).get("info", {})
        if info.get("exceptions"):
            lines += [
                f"- postScriptGC={gc}: the buy-back page showed an exception: {info['exceptions'][0][:200]}"
            ]
        if info.get("stopped_early"):
            lines += [f"- postScriptGC={gc}: {info['stopped_early']}"]
    jsp = lat.get("js_profile", {})
    jsc = lat.get("js_profile_chart_floor", {})
    if jsp.get("by_file_ms_per_press"):
        floor = jsc.get("by_file_ms_per_press", {})
        lines += [
            f"**Where the browser's time goes on the buy-back page** (Chrome's sampling JavaScript "
            f"profiler over {jsp['presses']} presses: {jsp['busy_ms_per_press']:.0f} ms busy a "
            "press; self time per script bundle, `(program)` is native rendering and painting)"
            + (
                f", beside the one-chart floor ({jsc['presses']} presses, "
                f"{jsc['busy_ms_per_press']:.0f} ms busy a press; `(idle)` includes the 150 ms "
                "quiet period and the pause between presses):"
                if floor
                else ":"
            ),
            "",
        ]
        names = list(jsp["by_file_ms_per_press"])
        names += [k for k in floor if k not in jsp["by_file_ms_per_press"]]
        rows = [
            [f"`{k}`", _n(jsp["by_file_ms_per_press"].get(k), 1)]
            + ([_n(floor.get(k), 1)] if floor else [])
            for k in names
        ]
        header = ["script or activity", "buy-back ms per press"]
        lines += _table(header + (["one-chart floor ms per press"] if floor else []), rows)
    elif jsc.get("error") or jsp.get("error"):
        lines += [f"JS profile failed: `{(jsp.get('error') or jsc.get('error'))[:300]}`", ""]
    loads = lat.get("page_loads", {})
    if loads:
        lines += [
            "**First load of every page** (navigate in a fresh browser context to settled; "
            "includes fetching Streamlit's JavaScript, so the floor is the empty app's first load):",
            "",
        ]
        rows = [
            [
                name,
                _n(v["ms"].get("n"), 0),
                fmt_ms(v["ms"]["p50"]),
                fmt_ms(v["ms"]["p90"]),
                fmt_x(v["ratio_p50"]),
                "; ".join(v.get("errors", []))[:120],
            ]
            for name, v in loads.items()
        ]
        lines += _table(["page", "n", "p50 ms", "p90 ms", "p50 ratio", "errors"], rows)
    return lines


def _script(script: dict[str, Any]) -> list[str]:
    lines = ["## 2. Script time (AppTest)", ""]
    lines += [
        "`AppTest.from_file(app.py)` + `switch_page`, then repeated `run()` in one process; targets "
        "interleaved round by round. *Rerun*: nothing changed. *Slider rerun*: the page's first "
        "slider moved one step. *First run*: opening the page (includes cold caches). Floors: the "
        "empty app (the issue's target is against it) and the chart floors (bench/chart_floor_app.py: "
        "the same slider and one, or two, Plotly charts it changes) and the app frame floor "
        "(bench/frame_floor: app.py's navigation and page config and ui.layout.page_setup, the "
        "frame every page draws, then the empty app's slider) and the block floors (the same frame "
        "with one, or two, chart blocks drawn by the app's ui.blocks.chart_block: title, subtitle, "
        'chart, "Show data table", CSV and source line, as CONVENTIONS.md asks under every '
        "chart); *vs chart* is the ratio to "
        "the one-chart floor. "
        f"`runner.postScriptGC={script.get('postScriptGC')}`; {script.get('rounds', '—')} rounds.",
        "",
    ]
    lines += _error(script)
    targets = script.get("targets", {})
    rows = []
    order = [k for k in FLOOR_NAMES if k in targets] + [k for k in targets if k not in FLOOR_NAMES]
    for name in order:
        t = targets[name]
        charts = t.get("charts", [])
        rows.append(
            [
                FLOOR_NAMES.get(name, name),
                fmt_ms(t["rerun_ms"]["p50"]),
                fmt_ms(t["rerun_ms"]["p90"]),
                fmt_x(t.get("ratio_p50")),
                fmt_x(t.get("chart_floor_ratio_p50")),
                fmt_ms(t["slider_rerun_ms"]["p50"]),
                fmt_x(t.get("slider_ratio_p50")),
                fmt_x(t.get("chart_floor_slider_ratio_p50")),
                fmt_ms(t.get("first_run_ms")),
                f"{len(charts)} / {sum(c['points'] for c in charts)}",
                _n(sum(c["spec_kb"] for c in charts)),
                "; ".join(t.get("exceptions", []))[:100],
            ]
        )
    if rows:
        lines += _table(
            [
                "page",
                "rerun p50 ms",
                "p90 ms",
                "vs empty",
                "vs chart",
                "slider rerun p50 ms",
                "vs empty",
                "vs chart",
                "first run ms",
                "charts / points",
                "chart JSON KB",
                "exceptions",
            ],
            rows,
        )
    lines += _server_reruns(script.get("server", {}))
    prof = script.get("profile", {})
    if prof.get("project_cumulative"):
        lines += [
            f"**Profile of the `{prof['page']}` page** (cProfile, {prof['reruns']} slider reruns, "
            f"{prof['profiled_ms_per_rerun']:.1f} ms profiled per rerun; profiling inflates "
            "times, compare the shares). Project code by cumulative time:",
            "",
        ]
        rows = [
            [f"`{r['function']}`", r["calls"], _n(r["cum_ms_per_rerun"]), _n(r["own_ms_per_rerun"])]
            for r in prof["project_cumulative"][:15]
        ]
        lines += _table(["function", "calls", "cum ms/rerun", "own ms/rerun"], rows)
        lines += ["Everything, by own time:", ""]
        rows = [
            [f"`{r['function']}`", r["calls"], _n(r["own_ms_per_rerun"]), _n(r["cum_ms_per_rerun"])]
            for r in prof["all_own_time"][:12]
        ]
        lines += _table(["function", "calls", "own ms/rerun", "cum ms/rerun"], rows)
    elif prof.get("error"):
        lines += [f"Profile failed: `{prof['error'][:300]}`", ""]
    return lines


def _server_reruns(server: dict[str, Any]) -> list[str]:
    """The same plain rerun on a real server (bench/server_time.py), beside AppTest's."""
    if server.get("error"):
        return [f"Server reruns failed: `{server['error'][:300]}`", ""]
    targets = server.get("targets", {})
    if not targets:
        return []
    lines = [
        "**The same rerun on a real server** (bench/server_time.py): one websocket client per "
        "page sends a rerun with nothing changed and times it to `script_finished`; server CPU "
        "is summed over the reruns; *elements drawn* counts what the rerun sends (text, tiles, "
        "widgets, charts, tables). The server compiles each script once and runs app.py's "
        "`st.navigation` directly, where AppTest compiles on every run and first passes through "
        "the legacy pages/ folder mode; so if the pages were slow only under AppTest, the ratios "
        f"here would be lower. {server.get('reps', '—')} reruns each, interleaved, "
        f"{server.get('pause_s', '—')} s apart. {server.get('stopped', '')}",
        "",
    ]
    order = ["baseline"] + [k for k in targets if k != "baseline"]
    rows = [
        [
            FLOOR_NAMES.get(name, name),
            fmt_ms(targets[name]["rerun_ms"]["p50"]),
            fmt_ms(targets[name]["rerun_ms"]["p90"]),
            fmt_x(targets[name].get("ratio_p50")),
            _n(targets[name].get("server_cpu_ms_per_rerun")),
            fmt_x(targets[name].get("cpu_ratio")),
            str(targets[name].get("elements", "—")),
            "; ".join(targets[name].get("errors", []))[:100],
        ]
        for name in order
        if name in targets
    ]
    return lines + _table(
        [
            "page",
            "rerun p50 ms",
            "p90 ms",
            "vs empty",
            "server CPU ms",
            "vs empty",
            "elements drawn",
            "errors",
        ],
        rows,
    )


def _level_rows(
    label: str, levels: list[dict[str, Any]], base: dict[int, dict[str, Any]]
) -> list[list[str]]:
    rows = []
    for lv in levels:
        b = base.get(lv["users"])
        r = (
            lv["latency_ms"]["p50"] / b["latency_ms"]["p50"]
            if b and b["latency_ms"]["p50"]
            else math.nan
        )
        rows.append(
            [
                label,
                str(lv["users"]),
                str(lv["interactions"]),
                _n(lv["reruns_per_s"]),
                fmt_ms(lv["latency_ms"]["p50"]),
                fmt_ms(lv["latency_ms"]["p90"]),
                fmt_x(r) if b is not None and b is not lv else "1.00x",
                _n(lv["payload_kb"]["p50"]),
                _n(lv["wire_kb"]["p50"]),
                _n(lv["rss_mb_end"], 0),
                _n(lv["server_cpu_pct"], 0),
                _n(lv.get("server_cpu_ms_per_rerun"), 1),
                _n(lv["client_cpu_pct"], 0),
                _n(lv.get("loadavg_1min"), 1),
                str(lv["error_count"]),
            ]
        )
    return rows


LEVEL_HEADER = [
    "target",
    "users",
    "reruns",
    "reruns/s",
    "p50 ms",
    "p90 ms",
    "p50 vs floor",
    "payload KB",
    "wire KB",
    "server RSS MB",
    "server CPU %",
    "server CPU ms/rerun",
    "client CPU %",
    "load avg",
    "errors",
]


def _load(load: dict[str, Any]) -> list[str]:
    lines = ["## 3. Load: simulated users over the websocket", ""]
    lines += [
        "Each user is a websocket client speaking Streamlit's protobufs (bench/wsclient.py): it "
        "opens the page, then every 1–3 s moves the first slider one step and waits for "
        "`script_finished`. Latency is send to `script_finished`; payload is the protobuf bytes "
        "received per interaction (wire: bytes read from the socket). Only interactions count that start "
        "once every user's page has opened (the window then lasts the stated time). Both servers run "
        "throughout; at each level the empty app goes first, then the buy-back page, "
        f"{_n(load.get('seconds_per_level'), 0)} s measured per level, settings as in "
        "`.streamlit/config.toml`. Client and server share the machine's CPUs.",
        "",
    ]
    lines += _error(load)
    base = {lv["users"]: lv for lv in load.get("baseline", [])}
    rows = _level_rows("empty app (floor)", load.get("baseline", []), base)
    rows += _level_rows("buy-back page", load.get("buyback", []), base)
    if rows:
        lines += _table(LEVEL_HEADER, rows)
    variants = load.get("variants", {})
    if variants:
        lines += ["**Settings at 60 users** (each on its own fresh server):", ""]
        rows = []
        for name, v in variants.items():
            vb = {60: v["baseline"]} if "baseline" in v else {}
            if "baseline" in v:
                rows += _level_rows(f"{name}: empty app", [v["baseline"]], vb)
            if "buyback" in v:
                rows += _level_rows(f"{name}: buy-back", [v["buyback"]], vb)
        lines += _table(LEVEL_HEADER, rows)
    errs = [e for lv in load.get("buyback", []) for e in lv.get("errors", [])]
    if errs:
        lines += ["Errors seen (first few): " + "; ".join(f"`{e[:150]}`" for e in errs[:3]), ""]
    return lines


def _scale(scale: dict[str, Any]) -> list[str]:
    lines = ["## 4. Scale: synthetic datasets", ""]
    lines += [
        "tests/support/synthetic.py copies data/ and adds services, at-risk groups (with their "
        "assumptions) and establishment changes ('posts') at k times the real counts; every "
        "dataset passes `python -m redesign validate`. Model steps are medians in a fresh process; "
        "page reruns are AppTest medians with REDESIGN_DATA_DIR set. Growth exponent = "
        "log(time ratio) / log(size ratio): 1.0 is linear.",
        "",
    ]
    lines += _error(scale)
    factors = scale.get("factors", {})
    if not factors:
        return lines
    rows = []
    for k, f in factors.items():
        c, m = f["counts"], f["model"]
        rows.append(
            [
                f"{k}x",
                f"{c['services']} / {c['at_risk_groups']} / {c['assumptions']} / {c['posts']}",
                "yes" if f["valid"] else "NO",
                fmt_ms(f["validate_cli_ms"]),
                fmt_ms(m["load_validate_ms"]),
                fmt_ms(m["summary_ms"]),
                fmt_ms(m["scenario_ms"]),
                fmt_ms(m["curve_ms"]),
                fmt_ms(m["total_ms"]),
            ]
        )
    lines += _table(
        [
            "size",
            "services / groups / assumptions / posts",
            "valid",
            "CLI validate ms",
            "load+validate ms",
            "summary ms",
            "scenario ms",
            "curve ms",
            "total ms",
        ],
        rows,
    )
    pages = sorted(
        {p for f in factors.values() for p in f.get("pages", {}).get("targets", {})},
        key=lambda p: (p == "baseline", p),
    )
    if pages:
        header = (
            ["page"]
            + [f"{k}x rerun p50 ms" for k in factors]
            + [f"{k}x first run ms" for k in factors]
            + [f"{k}x chart points" for k in factors]
        )
        rows = []
        for p in pages:
            row = ["empty app (floor)" if p == "baseline" else p]
            for key in ("rerun", "first", "points"):
                for f in factors.values():
                    t = f.get("pages", {}).get("targets", {}).get(p)
                    if t is None:
                        row.append("—")
                    elif key == "rerun":
                        row.append(fmt_ms(t["rerun_ms"]["p50"]))
                    elif key == "first":
                        row.append(fmt_ms(t.get("first_run_ms")))
                    else:
                        row.append(str(sum(c["points"] for c in t.get("charts", []))))
            rows.append(row)
        lines += _table(header, rows)
        for f in factors.values():
            if "error" in f.get("pages", {}):
                lines += [f"Page run failed: `{f['pages']['error'][-300:]}`", ""]
    growth = scale.get("growth", {})
    if growth:
        rows = []
        for step, g in growth.items():
            for name, v in g.items():
                if name == "size_ratio":
                    continue
                pts = ""
                if "points" in v:
                    pts = f"{v['points'][0]} → {v['points'][1]} (exp {_n(v['points_exponent'], 2)})"
                rows.append([step, name, _n(v["time_ratio"], 2), _n(v["exponent"], 2), pts])
        lines += ["**Growth** (size ratio per step in the first column):", ""]
        lines += _table(["step", "measure", "time ratio", "exponent", "chart points"], rows)
        last = list(growth)[-1]
        verdicts = []
        for name, v in growth[last].items():
            if name == "size_ratio" or not isinstance(v, dict):
                continue
            e = v.get("exponent", math.nan)
            if isinstance(e, float) and math.isfinite(e):
                verdicts.append((name.removeprefix("page:"), e))
        near = [f"{n} ({e:.2f})" for n, e in verdicts if e <= LINEAR_EXPONENT]
        over = [f"{n} ({e:.2f})" for n, e in verdicts if e > LINEAR_EXPONENT]
        lines += [
            f"**Linear-growth check** ({last}, exponent ≤ {LINEAR_EXPONENT} counts as near linear "
            f"or better): near linear: {', '.join(near) or 'none'}; "
            f"**faster than linear: {', '.join(over) or 'none'}**.",
            "",
        ]
        per_row = sorted(
            {
                name.removeprefix("page:")
                for g in growth.values()
                for name, v in g.items()
                if name.startswith("page:")
                and isinstance(v, dict)
                and v.get("points_exponent", 0) > 0.5
            }
        )
        if per_row:
            lines += [
                "**Pages whose charts grow with the data (plot rows instead of aggregating "
                f"first)**: {', '.join(per_row)}.",
                "",
            ]
        else:
            lines += [
                "No chart's point count grows with the data: the pages aggregate before plotting.",
                "",
            ]
    return lines


def _late_slope(soak: dict[str, Any]) -> float:
    """Slope over the second half of the samples: is memory still rising at the end?"""
    samples = soak.get("rss_samples", [])
    return slope_per_minute([(t, r) for t, r in samples[len(samples) // 2 :]])


def _soak(soak: dict[str, Any]) -> list[str]:
    lines = ["## 5. Soak", ""]
    lines += _error(soak)
    if "flat" not in soak:
        return lines
    lines += [
        f"{soak['users']} simulated users on the buy-back page for {soak['minutes']:g} min, each "
        "moving a slider every 1–3 s; tabs close and reopen every 2–6 min (new sessions) when "
        f"the soak is long enough. Server RSS sampled every {soak['sample_every_s']:g} s; a "
        f"least-squares line over the samples after the first {soak['warmup_s']:g} s.",
        "",
    ]
    rows = [
        ["sessions opened", str(soak["sessions_opened"])],
        ["interactions", str(soak["interactions"])],
        [
            "latency p50 / p90 ms",
            f"{fmt_ms(soak['latency_ms']['p50'])} / {fmt_ms(soak['latency_ms']['p90'])}",
        ],
        [
            "RSS at start / after warm-up / end MB",
            f"{_n(soak['rss_start_mb'])} / {_n(soak['rss_after_warmup_mb'])} / {_n(soak['rss_end_mb'])}",
        ],
        ["slope after warm-up", f"{_n(soak['slope_mb_per_min'], 3)} MB/min"],
        ["slope over the last half of the run", f"{_n(_late_slope(soak), 3)} MB/min"],
        [
            "growth over the window",
            f"{_n(soak['growth_mb'], 2)} MB over {_n(soak['window_min'])} min (limit {soak['growth_limit_mb']:g} MB)",
        ],
        ["server CPU", f"{_n(soak['server_cpu_pct'], 0)} %"],
        ["errors", str(soak["error_count"])],
    ]
    lines += _table(["", "value"], rows)
    samples = soak.get("rss_samples", [])
    if samples:
        lines += [
            "RSS samples (s: MB): " + ", ".join(f"{t:g}: {r:g}" for t, r in samples),
            "",
        ]
    return lines


def _provenance(part: dict[str, Any]) -> list[str]:
    run = part.get("from_run")
    if not run:
        return []
    return [f"*From the earlier run of {run.get('date')} (commit `{run.get('commit')}`).*", ""]


def write_report(results: dict[str, Any], path: Path) -> Path:
    m = results.get("meta", {})
    b = results.get("benchmarks", {})
    lines = [
        "# Redesign Explorer benchmark report",
        "",
        f"{m.get('date')} · commit `{m.get('commit')}` ({m.get('dirty_files')} uncommitted files) · "
        f"Python {m.get('python')} · Streamlit {m.get('streamlit')} · plotly {m.get('plotly')} · "
        f"{m.get('cpus')} CPUs · {'QUICK smoke run' if m.get('quick') else 'full run'} · "
        f"{_n(m.get('seconds', math.nan), 0)} s",
        "",
        "Config: " + ", ".join(f"`{k}={v}`" for k, v in m.get("config", {}).items()),
        "",
        f"Load average at start / end: {m.get('loadavg_start')} / {m.get('loadavg_end')} (the "
        "machine is shared; interleaving targets keeps ratios fair when it is busy).",
        "",
        "Every figure is a median (p50) and p90 over repeated runs, measured beside the empty "
        "one-slider app (bench/baseline_app.py) in the same run under the same server settings, "
        "and given as a ratio to it. Browser and AppTest figures are also measured beside the "
        "chart floors (bench/chart_floor_app.py: the same slider and one, or two, Plotly charts "
        "it changes): the *context* rows below the ratio targets say how much of each target one "
        "changing chart uses by itself, and how far the buy-back page is above a page with "
        "charts. Regenerate with `python -m bench` (see bench/README.md).",
        "",
        "## Targets",
        "",
    ]
    rows = [
        [
            t["name"],
            t["target"],
            t["measured"],
            "*context*"
            if t.get("context")
            else {True: "**PASS**", False: "**FAIL**", None: "N/A"}[t["pass"]],
        ]
        for t in results.get("targets", [])
    ]
    lines += _table(["target", "goal", "measured", "result"], rows)
    if "latency" in b:
        section = _latency(b["latency"])
        lines += section[:2] + _provenance(b["latency"]) + section[2:]
    if "script" in b:
        section = _script(b["script"])
        lines += section[:2] + _provenance(b["script"]) + section[2:]
    if "load" in b:
        section = _load(b["load"])
        lines += section[:2] + _provenance(b["load"]) + section[2:]
    if "scale" in b:
        section = _scale(b["scale"])
        lines += section[:2] + _provenance(b["scale"]) + section[2:]
    if "soak" in b:
        section = _soak(b["soak"])
        lines += section[:2] + _provenance(b["soak"]) + section[2:]
    if "store" in b:
        from bench.store_bench import section as store_section

        section = store_section(b["store"])
        lines += section[:2] + _provenance(b["store"]) + section[2:]
    if "answer_to_tally_s" in b.get("workshop", {}):
        from bench.workshop_bench import section as workshop_section

        section = workshop_section(b["workshop"])
        lines += section[:2] + _provenance(b["workshop"]) + section[2:]
    if "storeload" in b:
        from bench.store_load import section as store_load_section

        section = store_load_section(b["storeload"])
        lines += section[:2] + _provenance(b["storeload"]) + section[2:]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
