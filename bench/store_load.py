"""Load on the scenario library through the running app, and one app server against two sharing
PostgreSQL.

1. **library**: simulated users (default 60) on the buy-back page, each every 1-3 s doing the next
   of, in turn: *name* (type a new name into "Scenario name" and leave the box: a run of the
   whole page, since the name is the scenario's), *save* (press "Save to the library": a run of
   the library's fragment, which validates, evaluates and writes the scenario, then lists the
   library) and *list* (press "Refresh the list": a run of the library's fragment, which lists the
   newest 50 saved scenarios and counts them). Latency is send to ``script_finished``, p50 / p90
   for each kind, the same window and clients as the slider load (bench/load.py). Run on a fresh SQLite file (the default store) and on a fresh PostgreSQL
   database. Every save's answer must say "Saved"; afterwards the database must hold exactly the
   saves answered (nothing lost, nothing doubled).
2. **servers**: the existing load (users moving the buy-back page's first slider every 1-3 s)
   on one app server, then split evenly over two app servers on two ports, both on one fresh
   PostgreSQL database; alternately (one, two, one, two) so a busy moment costs both alike.
   Streamlit runs each server's scripts on one core (the GIL), so two servers can use both of
   this machine's cores: reruns a second and p90 side by side, and the servers' CPU. At 60
   users the load offered is bounded by the users' think time; ``--server-users 60,120`` adds
   a level at which one server is saturated, to show what two carry.

    python -m bench.store_load [--users 60] [--seconds 60] [--reps 2] [--only library,servers]
                               [--server-users 60,120]
    python -m bench --only storeload     # the same, in the benchmark report

PostgreSQL: a database made on the server of $REDESIGN_BENCH_PG_URL (default
postgresql+psycopg://postgres@127.0.0.1:5432/test) and dropped afterwards; a server that is down
is reported as not measured.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from bench.common import APP, PREVIOUS_DESIGN, StreamlitServer, run_async
from bench.load import discover_pages, find_page, run_level
from bench.store_bench import fresh_database
from bench.wsclient import RunResult, StreamlitClient

PARTS = ("library", "servers")
NAME_KEY = "bb:name"
SAVE_KEY = "bb:lib:save"
REFRESH_KEY = "bb:lib:refresh"
_tags = itertools.count(1)


def _page(srv: StreamlitServer) -> str:
    found = find_page(run_async(discover_pages(srv.ws_url)), "buyback", "buy")
    if found is None:
        raise RuntimeError("no buy-back page")
    return found.url_pathname


class Saver:
    """A behaviour for bench.load: name the scenario, save it, list the library, in turn.
    Counts every save the app answered with "Saved", in the window or not."""

    def __init__(self) -> None:
        self.tags: dict[int, int] = {}
        self.answered = 0

    async def __call__(self, client: StreamlitClient, step: int) -> tuple[str, RunResult]:
        if step % 3 == 0:
            tag = self.tags.setdefault(id(client), next(_tags))
            return "name", await client.type_text(NAME_KEY, f"Load user {tag} save {step // 3 + 1}")
        if step % 3 == 1:
            result = await client.press(SAVE_KEY)
            if any(alert.startswith("Saved") for alert in client.alerts):
                self.answered += 1
                return "save", result
            return "save refused", result
        return "list", await client.press(REFRESH_KEY)


def _count_saved(url: str) -> int:
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            return int(conn.exec_driver_sql("SELECT count(*) FROM scenarios").scalar_one())
    finally:
        engine.dispose()


def library_load(backend: str, users: int, seconds: float) -> dict[str, Any]:
    with (
        fresh_database(backend) as url,
        StreamlitServer(APP, env={"REDESIGN_DB_URL": url, **PREVIOUS_DESIGN}) as srv,
    ):
        page = _page(srv)
        saver = Saver()
        level = run_async(run_level(srv.ws_url, page, users, seconds, srv.pid, behaviour=saver))
        time.sleep(2)
        summary = level.summary()
        # Every save answered, inside the window or not, is in the database, once.
        summary["saves_answered"] = saver.answered
        summary["saved_rows"] = _count_saved(url)
        return summary


def servers_load(levels: list[int], seconds: float, reps: int) -> dict[str, Any]:
    out: dict[str, Any] = {"levels": levels, "one": [], "two": []}
    with fresh_database("postgresql") as url:
        env = {"REDESIGN_DB_URL": url, **PREVIOUS_DESIGN}
        with StreamlitServer(APP, env=env) as a, StreamlitServer(APP, env=env) as b:
            page = _page(a)
            _page(b)  # both servers warm (first import of the app) before measuring
            for users, rep in itertools.product(levels, range(reps)):
                for name, servers in (("one", [a]), ("two", [a, b])):
                    print(f"[bench]   servers: {name}, {users} users, round {rep + 1}", flush=True)
                    level = run_level(
                        [s.ws_url for s in servers],
                        page,
                        users,
                        seconds,
                        [s.pid for s in servers],
                        seed=rep + 1,
                    )
                    out[name].append(run_async(level).summary())
                    time.sleep(3)  # let the servers drop the closed sessions' work
    return out


def run_store_load(
    users: int = 60,
    seconds: float = 60.0,
    reps: int = 2,
    parts: tuple[str, ...] = PARTS,
    server_users: list[int] | None = None,
) -> dict[str, Any]:
    result: dict[str, Any] = {"users": users, "seconds": seconds, "reps": reps}
    if "library" in parts:
        result["library"] = {}
        for backend in ("sqlite", "postgresql"):
            print(f"[bench]   library: {backend}", flush=True)
            try:
                result["library"][backend] = library_load(backend, users, seconds)
            except Exception as exc:  # a server that is down is a finding, not a crash
                result["library"][backend] = {"error": f"{type(exc).__name__}: {str(exc)[:300]}"}
    if "servers" in parts:
        try:
            result["servers"] = servers_load(server_users or [users], seconds, reps)
        except Exception as exc:
            result["servers"] = {"error": f"{type(exc).__name__}: {str(exc)[:300]}"}
    return result


# --- report -------------------------------------------------------------------------------------


def _median(values: list[float]) -> float:
    finite = sorted(v for v in values if math.isfinite(v))
    return statistics.median(finite) if finite else math.nan


def targets(result: dict[str, Any]) -> list[dict[str, Any]]:
    """Context rows for the report's table (the issue sets no figure to meet): the library's p90
    under load beside the slider load's, and what two servers carry against one."""
    out: list[dict[str, Any]] = []

    def context(name: str, measured: str) -> None:
        out.append(
            {"name": name, "target": "context", "measured": measured, "pass": None, "context": True}
        )

    for backend, lv in result.get("library", {}).items():
        if "error" in lv:
            context(f"{result.get('users')} users saving and listing ({backend})", "not measured")
            continue
        kinds = lv["by_kind"]
        parts = [
            f"{kind} p90 {k['latency_ms']['p90']:.0f} ms (p50 {k['latency_ms']['p50']:.0f})"
            for kind, k in kinds.items()
        ]
        context(
            f"{result.get('users')} users saving and listing through the app ({backend})",
            "; ".join(parts) + f"; {lv['reruns_per_s']:.1f} reruns/s",
        )
    servers = result.get("servers", {})
    for users in servers.get("levels", []):
        found = {
            n: [lv for lv in servers.get(n, []) if lv["users"] == users] for n in ("one", "two")
        }
        if not found["one"] or not found["two"]:
            continue
        rate = {n: _median([lv["reruns_per_s"] for lv in found[n]]) for n in found}
        p90 = {n: _median([lv["latency_ms"]["p90"] for lv in found[n]]) for n in found}
        context(
            f"{users} users on the buy-back slider: one server against two sharing PostgreSQL",
            f"{rate['one']:.1f} against {rate['two']:.1f} reruns/s"
            f" ({rate['two'] / rate['one']:.2f}x); p90 {p90['one']:.0f} against {p90['two']:.0f} ms",
        )
    return out


def _p(summary: dict[str, Any], q: str) -> str:
    value = summary.get(q, math.nan)
    return "—" if not math.isfinite(value) else f"{value:.0f}"


def section(result: dict[str, Any]) -> list[str]:
    """The report's section (Markdown lines)."""
    users, seconds = result.get("users"), result.get("seconds")
    lines = ["## Store under load: the library through the app, one server against two", ""]
    library = result.get("library", {})
    if library:
        lines += [
            f"{users} simulated users on the buy-back page, each every 1-3 s naming a scenario"
            " (a whole-page run), saving it and listing the library (runs of the library's"
            " fragment), in turn; "
            f"{seconds:g} s measured; ms. See bench/store_load.py.",
            "",
            "| store | kind | interactions | p50 | p90 | reruns/s (all kinds) | server CPU ms a "
            "rerun | rows in the database / saves answered | errors |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        for backend, lv in library.items():
            if "error" in lv:
                lines.append(f"| {backend} | not measured: {lv['error'][:100]} |||||||")
                continue
            for kind, k in lv["by_kind"].items():
                lines.append(
                    f"| {backend} | {kind} | {k['interactions']} | {_p(k['latency_ms'], 'p50')} "
                    f"| {_p(k['latency_ms'], 'p90')} | {lv['reruns_per_s']:.1f} "
                    f"| {lv['server_cpu_ms_per_rerun']:.1f} "
                    f"| {lv.get('saved_rows')} / {lv.get('saves_answered')} | {lv['error_count']} |"
                )
        lines.append("")
    servers = result.get("servers", {})
    if servers:
        lines += [
            "Simulated users moving the buy-back page's first slider every 1-3 s, on one"
            " server and split over two servers sharing one PostgreSQL database, alternately;"
            f" {seconds:g} s measured a round.",
            "",
        ]
        if "error" in servers:
            lines += [f"Not measured: {servers['error']}", ""]
        else:
            lines += [
                "| users | servers | reruns/s | p50 ms | p90 ms | server CPU % (sum) | "
                "CPU ms a rerun | errors |",
                "|---|---|---|---|---|---|---|---|",
            ]
            rows = [(lv["users"], name, lv) for name in ("one", "two") for lv in servers[name]]
            for users, name, lv in sorted(rows, key=lambda r: (r[0], r[1] == "two")):
                lines.append(
                    f"| {users} | {name} | {lv['reruns_per_s']:.1f} "
                    f"| {_p(lv['latency_ms'], 'p50')} | {_p(lv['latency_ms'], 'p90')} "
                    f"| {lv['server_cpu_pct']:.0f} | {lv['server_cpu_ms_per_rerun']:.1f} "
                    f"| {lv['error_count']} |"
                )
            lines.append("")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.store_load",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--users", type=int, default=60)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--reps", type=int, default=2, help="rounds of one / two servers")
    parser.add_argument("--only", default=",".join(PARTS), help=f"subset of {','.join(PARTS)}")
    parser.add_argument(
        "--server-users", default=None, help="users per level of the servers part (default --users)"
    )
    parser.add_argument("--out", help="write the results as JSON to this file")
    args = parser.parse_args(argv)
    parts = tuple(p.strip() for p in args.only.split(",") if p.strip())
    unknown = [p for p in parts if p not in PARTS]
    if unknown:
        parser.error(f"unknown part(s) {unknown}; choose from {', '.join(PARTS)}")
    server_users = (
        [int(x) for x in args.server_users.split(",") if x.strip()] if args.server_users else None
    )
    result = run_store_load(args.users, args.seconds, args.reps, parts, server_users)
    print("\n".join(section(result)))
    for t in targets(result):
        print(f"INFO  {t['name']}: {t['measured']}")
    if args.out:
        Path(args.out).write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
