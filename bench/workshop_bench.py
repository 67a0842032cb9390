"""Workshop: participants answering through the running app while the facilitator's screen is open.

One app server (``streamlit run app.py``) on a fresh database. The facilitator's screen is a real
headless chromium page (its tally is an ``st.fragment(run_every=2)``, driven by the browser's own
timer); a MutationObserver in the page records when the count of answers on it changes. Each
participant is a ``StreamlitClient`` over the websocket (one phone's worth of protocol): it opens
``/workshop?join=<code>``, fills the form (school, phase, days for each offer, contract length)
and submits it at a random moment of the answering window, then stays, re-running the room's
aggregate fragment every 4 s as its browser would.

Answer to tally: answers are ranked by the moment the server finished taking them (the commit
order); the r-th answer is on the facilitator's screen once the count there reaches r. Its latency
is that moment minus the moment the participant pressed "Send". Also: the server's time to take
an answer, errors (an exception, a refusal, no "received", a timeout), and the server's memory.

    python -m bench.workshop_bench [--participants 60] [--window 30] [--db URL] [--out FILE]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

from bench.common import APP, REPO_ROOT, StreamlitServer, rss_mb, summarise
from bench.wsclient import StreamlitClient
from tests.support.server import CHROMIUM_ARGS, CHROMIUM_PATH

P90_GOAL_S = 3.0
FRAGMENT_EVERY_S = 4.0  # pages.workshop_parts.tally_view.PARTICIPANT_EVERY_S
RUN_TIMEOUT_S = 60.0
SETTLE_TIMEOUT_S = 60.0
OFFERS = ("autism_teaching", "autism_hlta", "behaviour_and_other")
# Records (seconds since the epoch, count) whenever the facilitator's "N schools answered" changes.
OBSERVER_JS = """
() => {
  window.__counts = [];
  const read = () => {
    const box = document.querySelector('.st-key-ws-answers-in');
    if (!box) return;
    const m = box.innerText.match(/(\\d+) schools? answered/);
    if (!m) return;
    const n = parseInt(m[1], 10);
    const last = window.__counts.length ? window.__counts[window.__counts.length - 1][1] : -1;
    if (n !== last) window.__counts.push([Date.now() / 1000, n]);
  };
  new MutationObserver(read).observe(document.body, {subtree: true, childList: true, characterData: true});
  read();
}
"""


@dataclass
class Sent:
    submitted: float  # epoch seconds, as "Send" was pressed
    taken: float  # epoch seconds, when the server finished the run that took it
    received: bool


@dataclass
class Participant:
    client: StreamlitClient
    ids: dict[str, str] = field(default_factory=dict)  # widget key -> widget id
    fragment_id: str = ""
    alerts: list[str] = field(default_factory=list)


def _watch(participant: Participant, fwd: ForwardMsg) -> None:
    """Note the form's widget ids, the aggregate fragment's id and the alerts of a run."""
    if fwd.WhichOneof("type") != "delta" or fwd.delta.WhichOneof("type") != "new_element":
        return
    if fwd.delta.fragment_id:
        participant.fragment_id = fwd.delta.fragment_id
    element = fwd.delta.new_element
    kind = element.WhichOneof("type")
    if kind == "alert":
        participant.alerts.append(element.alert.body)
    elif kind in ("text_input", "selectbox", "radio", "checkbox", "button", "text_area"):
        wid = getattr(element, kind).id
        key = wid.rsplit("-", 1)[-1] if "FormSubmitter" not in wid else "submit"
        if "FormSubmitter:ws:answer" in wid:
            participant.ids["submit"] = wid
        else:
            participant.ids[key] = wid


class WatchingClient(StreamlitClient):
    """A StreamlitClient that hands every ForwardMsg to a watcher (see _watch)."""

    watcher: Any = None

    def _on_element(self, fwd: ForwardMsg, sliders: list[Any]) -> None:
        super()._on_element(fwd, sliders)
        if self.watcher is not None:
            self.watcher(fwd)


def _state(ids: dict[str, str], key: str, value: str) -> WidgetState:
    state = WidgetState(id=ids[key])
    state.string_value = value
    return state


async def _participant(
    n: int, ws_url: str, code: str, delay: float, end: float, out: list[Sent], errors: list[str]
) -> None:
    client = WatchingClient(ws_url, page="workshop", query_string=f"join={code}")
    me = Participant(client)
    client.watcher = lambda fwd: _watch(me, fwd)
    try:
        await client.connect()
        await client.first_run(RUN_TIMEOUT_S)
        await asyncio.sleep(delay)
        rng = random.Random(n)
        years = rng.choice((1, 2, 3))
        widgets = [
            _state(me.ids, "ws:school", f"Bench School {n:03d}"),
            _state(me.ids, "ws:phase", "Primary"),
            _state(me.ids, "ws:years", f"{years} year{'s' if years > 1 else ''}"),
        ]
        for gid in OFFERS:
            widgets.append(_state(me.ids, f"ws:amount:{gid}", str(rng.randint(0, 40))))
        submit = WidgetState(id=me.ids["submit"])
        submit.trigger_value = True
        me.alerts.clear()
        submitted = time.time()
        await client._run(client._client_state([*widgets, submit]), RUN_TIMEOUT_S)
        taken = time.time()
        received = any("Received" in a for a in me.alerts)
        if not received:
            errors.append(f"participant {n}: not received ({' | '.join(me.alerts)[:200]})")
        out.append(Sent(submitted, taken, received))
        if client.exceptions:
            errors.append(f"participant {n}: {client.exceptions[0][:200]}")
        # Stay, as a phone does: the room's aggregate fragment reruns every few seconds.
        while time.time() + FRAGMENT_EVERY_S < end and me.fragment_id:
            await asyncio.sleep(FRAGMENT_EVERY_S)
            await client._run(client._client_state(widgets, me.fragment_id), RUN_TIMEOUT_S)
    except Exception as exc:
        errors.append(f"participant {n}: {type(exc).__name__}: {str(exc)[:200]}")
    finally:
        await client.close()


async def _room(
    ws_url: str, code: str, participants: int, window_s: float, linger_s: float
) -> tuple[list[Sent], list[str]]:
    sent: list[Sent] = []
    errors: list[str] = []
    rng = random.Random(1)
    end = time.time() + window_s + linger_s
    tasks = [
        _participant(n, ws_url, code, rng.uniform(0, window_s), end, sent, errors)
        for n in range(participants)
    ]
    await asyncio.gather(*tasks)
    return sent, errors


def _latencies(sent: list[Sent], counts: list[tuple[float, int]]) -> list[float]:
    """Answer-to-tally seconds, each answer matched to the moment the count reached its rank."""
    out = []
    for rank, answer in enumerate(sorted(sent, key=lambda s: s.taken), start=1):
        seen = next((t for t, n in counts if n >= rank), None)
        if seen is not None:
            out.append(max(seen - answer.submitted, 0.0))
    return out


def run_workshop(
    participants: int = 60, window_s: float = 30.0, db_url: str | None = None
) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    from bench.common import run_async
    from redesign import load_dataset
    from redesign.buyback.model import BuybackModel
    from redesign.store import DB_URL_ENV, open_database
    from redesign.workshop import WorkshopStore

    with tempfile.TemporaryDirectory(prefix="bench-workshop-") as tmp:
        url = db_url or f"sqlite:///{Path(tmp) / 'redesign.db'}"
        database = open_database(url)
        store = WorkshopStore(database, BuybackModel(load_dataset(REPO_ROOT / "data")))
        made = store.create("Bench workshop", list(OFFERS), 120)
        shop, key = made.workshop, made.facilitator_key
        store.update(shop.id, key, revealed=True)
        memory: list[float] = []
        with StreamlitServer(APP, env={DB_URL_ENV: url}) as server, sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path=CHROMIUM_PATH, headless=True, args=CHROMIUM_ARGS
            )
            page = browser.new_page(viewport={"width": 1280, "height": 720})
            page.goto(f"{server.base_url}/workshop?workshop={shop.id}&key={key}")
            page.wait_for_selector(".st-key-ws-answers-in", timeout=60_000)
            page.evaluate(OBSERVER_JS)
            memory.append(rss_mb(server.pid))
            started = time.time()
            sent, errors = run_async(
                _sampled(
                    _room(server.ws_url, shop.join_code, participants, window_s, 10.0),
                    server.pid,
                    memory,
                )
            )
            deadline = time.time() + SETTLE_TIMEOUT_S
            while time.time() < deadline:
                counts = page.evaluate("() => window.__counts")
                if counts and counts[-1][1] >= len(sent):
                    break
                page.wait_for_timeout(200)
            counts = [(float(t), int(n)) for t, n in page.evaluate("() => window.__counts")]
            browser.close()
        stored = len(store.answers(shop.id))
        database.close()
    latencies = _latencies(sent, counts)
    missing = len(sent) - len(latencies)
    if missing:
        errors.append(f"{missing} answer(s) never reached the facilitator's tally")
    if stored != participants:
        errors.append(f"{stored} answers stored for {participants} participants")
    return {
        "participants": participants,
        "window_s": window_s,
        "database": "postgresql" if db_url and db_url.startswith("postgres") else "sqlite",
        "answers_sent": len(sent),
        "answers_stored": stored,
        "answer_to_tally_s": summarise(latencies),
        "server_take_s": summarise(s.taken - s.submitted for s in sent),
        "final_count": counts[-1][1] if counts else 0,
        "errors": errors[:20],
        "error_count": len(errors),
        "rss_mb": {
            "start": round(memory[0], 1),
            "peak": round(max(memory), 1),
            "end": round(memory[-1], 1),
        },
        "wall_s": round(time.time() - started, 1),
    }


async def _sampled(work: Any, pid: int, memory: list[float]) -> Any:
    """Run ``work`` while sampling the server's memory every second."""
    task = asyncio.ensure_future(work)
    while not task.done():
        memory.append(rss_mb(pid))
        await asyncio.wait([task], timeout=1.0)
    memory.append(rss_mb(pid))
    return task.result()


def targets(result: dict[str, Any]) -> list[dict[str, Any]]:
    name = f"Workshop: {result.get('participants', 60)} participants, answer to tally p90"
    lat = result.get("answer_to_tally_s")
    if not lat or lat.get("n", 0) == 0:
        return [
            {
                "name": name,
                "target": f"< {P90_GOAL_S:g} s, no errors",
                "measured": "not measured",
                "pass": None,
                "note": str(result.get("error", ""))[:200],
            }
        ]
    rss = result["rss_mb"]
    measured = (
        f"p50 {lat['p50']:.2f} s, p90 {lat['p90']:.2f} s, max {lat['max']:.2f} s; "
        f"{result['error_count']} errors; server {rss['start']:.0f} -> {rss['peak']:.0f} MB"
    )
    ok = lat["p90"] < P90_GOAL_S and result["error_count"] == 0
    return [
        {"name": name, "target": f"< {P90_GOAL_S:g} s, no errors", "measured": measured, "pass": ok}
    ]


def section(result: dict[str, Any]) -> list[str]:
    lat, take, rss = result["answer_to_tally_s"], result["server_take_s"], result["rss_mb"]
    return [
        "## Workshop: answers to the facilitator's tally",
        "",
        f"{result['participants']} participants over the websocket, answering at random within "
        f"{result['window_s']:g} s, facilitator in headless chromium ({result['database']}). "
        "See bench/workshop_bench.py.",
        "",
        "| measure | p50 | p90 | max |",
        "|---|---|---|---|",
        f"| answer to tally (s) | {lat['p50']:.2f} | {lat['p90']:.2f} | {lat['max']:.2f} |",
        f"| server takes the answer (s) | {take['p50']:.2f} | {take['p90']:.2f} | {take['max']:.2f} |",
        "",
        f"Answers sent {result['answers_sent']}, stored {result['answers_stored']}, shown "
        f"{result['final_count']}; errors {result['error_count']}; server memory "
        f"{rss['start']:.0f} MB at the start, {rss['peak']:.0f} MB at the peak, {rss['end']:.0f} MB "
        "at the end.",
        "",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.workshop_bench",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--participants", type=int, default=60)
    parser.add_argument("--window", type=float, default=30.0, help="answering window, seconds")
    parser.add_argument("--db", help="database URL (default: a fresh SQLite file)")
    parser.add_argument("--out", help="write the results as JSON to this file")
    args = parser.parse_args(argv)
    result = run_workshop(args.participants, args.window, args.db)
    print("\n".join(section(result)))
    for t in targets(result):
        verdict = {True: "PASS", False: "FAIL", None: "N/A "}[t["pass"]]
        print(f"{verdict}  {t['name']}: {t['measured']} (target {t['target']})")
    for error in result["errors"]:
        print(f"error: {error}")
    if args.out:
        Path(args.out).write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
