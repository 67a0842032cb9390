"""A minimal Streamlit client over the websocket, speaking Streamlit's own protobufs.

It does what the browser does for one tab, and no more:

* connects to ``ws://HOST:PORT/_stcore/stream`` with the subprotocol ``streamlit`` (the browser's
  Sec-WebSocket-Protocol is ``streamlit, <xsrf token>, <session id>``; the XSRF token only guards
  the auth cookie, which this app does not use, so the first entry is enough) and a same-origin
  ``Origin`` header;
* asks for the first run with a ``BackMsg.rerun_script`` carrying the page's URL path as
  ``page_name`` (how ``st.navigation`` finds a page by URL) and the query string;
* answers nothing else: every interaction is a ``rerun_script`` with the changed widget's state
  (and the fragment id when the widget lives in an ``st.fragment``), the hashes of the big
  messages it already holds (so the server sends a reference instead, as for the browser), and it
  ends when ``ForwardMsg.script_finished`` arrives with a finished status.

Bytes are counted twice: the protobuf payload of every ForwardMsg (what the browser must parse)
and the bytes read from the socket (after permessage-deflate, what crosses the wire).
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from typing import Any

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import ClientConnection, connect

FINISHED_OK = {
    ForwardMsg.FINISHED_SUCCESSFULLY,
    ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY,
}
MAX_CACHED_RUNS = 2  # global.maxCachedMessageAge: the browser drops hashes unused for 2 runs


class CountingConnection(ClientConnection):
    """A websockets connection that counts the bytes read from the socket."""

    wire_bytes = 0

    def data_received(self, data: bytes) -> None:
        self.wire_bytes += len(data)
        super().data_received(data)


@dataclass
class SliderInfo:
    widget_id: str
    label: str
    value: float
    min: float
    max: float
    step: float
    fragment_id: str = ""


@dataclass
class WidgetInfo:
    """A keyed widget (text box or button) the client can operate, found by its user key."""

    kind: str  # "text_input" or "button"
    widget_id: str
    fragment_id: str = ""


def user_key(element_id: str) -> str:
    """The key a script gave a widget, from its element id ``$$ID-<hash>-<key>``."""
    return element_id.split("-", 2)[-1]


@dataclass
class RunResult:
    seconds: float
    payload_bytes: int
    wire_bytes: int
    messages: int
    status: int
    elements: int


@dataclass
class PageInfo:
    name: str
    url_pathname: str
    page_script_hash: str
    is_default: bool


@dataclass
class StreamlitClient:
    """One simulated browser tab on one page."""

    ws_url: str
    page: str = ""  # URL path of the page ("" = default page)
    query_string: str = ""
    ws: Any = None
    sliders: list[SliderInfo] = field(default_factory=list)
    pages: list[PageInfo] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)
    widgets: dict[str, WidgetInfo] = field(default_factory=dict)  # by user key
    alerts: list[str] = field(default_factory=list)  # the last run's alert texts
    _cached: dict[str, int] = field(default_factory=dict)  # hash -> run number last seen
    _runs: int = 0

    async def connect(self, timeout: float = 30) -> None:
        origin = self.ws_url.replace("ws://", "http://").split("/_stcore", 1)[0]
        self.ws = await connect(
            self.ws_url,
            subprotocols=["streamlit"],  # type: ignore[list-item]
            origin=origin,  # type: ignore[arg-type]
            proxy=None,  # loopback only, whatever the environment says
            max_size=None,
            open_timeout=timeout,
            ping_interval=None,
            create_connection=CountingConnection,
        )

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
            self.ws = None

    def _client_state(self, widgets: list[WidgetState], fragment_id: str = "") -> ClientState:
        state = ClientState(query_string=self.query_string, page_name=self.page)
        state.widget_states.widgets.extend(widgets)
        if fragment_id:
            state.fragment_id = fragment_id
        state.cached_message_hashes.extend(self._cached)
        state.context_info.timezone = "Europe/London"
        state.context_info.locale = "en-GB"
        state.context_info.url = f"{self.ws_url.split('/_stcore', 1)[0]}/{self.page}"
        return state

    async def _run(self, state: ClientState, timeout: float) -> RunResult:
        msg = BackMsg()
        msg.rerun_script.CopyFrom(state)
        wire0 = self.ws.wire_bytes
        payload = messages = elements = 0
        new_sliders: list[SliderInfo] = []
        self.alerts = []
        start = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        deadline = start + timeout
        while True:
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                raise TimeoutError(f"no script_finished within {timeout} s")
            raw = await asyncio.wait_for(self.ws.recv(), remaining)
            if isinstance(raw, str):
                continue
            payload += len(raw)
            messages += 1
            fwd = ForwardMsg()
            fwd.ParseFromString(raw)
            kind = fwd.WhichOneof("type")
            if fwd.metadata.cacheable and fwd.hash:
                self._cached[fwd.hash] = self._runs
            elif kind == "ref_hash":
                self._cached[fwd.ref_hash] = self._runs
            if kind == "delta":
                if fwd.delta.WhichOneof("type") == "new_element":
                    elements += 1
                    self._on_element(fwd, new_sliders)
            elif kind == "page_info_changed":
                # The script changed the URL's query string (st.query_params): the browser
                # updates its address bar and sends the new one with every later rerun.
                self.query_string = fwd.page_info_changed.query_string
            elif kind == "navigation":
                self.pages = [
                    PageInfo(p.page_name, p.url_pathname, p.page_script_hash, p.is_default)
                    for p in fwd.navigation.app_pages
                ]
            elif kind == "script_finished":
                if fwd.script_finished in FINISHED_OK:
                    seconds = time.perf_counter() - start
                    self._runs += 1
                    self._cached = {
                        h: r for h, r in self._cached.items() if self._runs - r <= MAX_CACHED_RUNS
                    }
                    self._update_sliders(new_sliders, bool(state.fragment_id))
                    return RunResult(
                        seconds,
                        payload,
                        self.ws.wire_bytes - wire0,
                        messages,
                        fwd.script_finished,
                        elements,
                    )
                if fwd.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    raise RuntimeError("script failed to compile")

    def _update_sliders(self, seen: list[SliderInfo], fragment_run: bool) -> None:
        """Sliders in page order; a known slider keeps the value this client gave it (the proto
        only carries a value when the script set one). A fragment run only re-sends the
        fragment's own sliders, so the others stay."""
        known = {s.widget_id: s for s in self.sliders}
        fresh = [known.get(s.widget_id, s) for s in seen]
        if fragment_run:
            ids = {s.widget_id for s in fresh}
            fresh = [*fresh, *(s for s in self.sliders if s.widget_id not in ids)]
        if fresh or not fragment_run:
            self.sliders = fresh

    def _on_element(self, fwd: ForwardMsg, sliders: list[SliderInfo]) -> None:
        element = fwd.delta.new_element
        which = element.WhichOneof("type")
        if which == "slider":
            s = element.slider
            value = s.value[0] if s.value else (s.default[0] if s.default else s.min)
            sliders.append(
                SliderInfo(s.id, s.label, value, s.min, s.max, s.step or 1.0, fwd.delta.fragment_id)
            )
        elif which in ("text_input", "button"):
            widget = getattr(element, which)
            self.widgets[user_key(widget.id)] = WidgetInfo(which, widget.id, fwd.delta.fragment_id)
        elif which == "alert":
            self.alerts.append(element.alert.body)
        elif which == "exception":
            self.exceptions.append(f"{element.exception.type}: {element.exception.message}")

    async def first_run(self, timeout: float = 60) -> RunResult:
        """The run a browser asks for when the page opens."""
        return await self._run(self._client_state([]), timeout)

    async def rerun(self, timeout: float = 60) -> RunResult:
        """A rerun with nothing changed (what "Rerun" or a change outside a fragment sends)."""
        return await self._run(self._client_state([]), timeout)

    def first_slider(self) -> SliderInfo:
        if not self.sliders:
            raise LookupError(f"no slider on page {self.page!r}")
        return self.sliders[0]

    async def move_slider(self, slider: SliderInfo, value: float, timeout: float = 60) -> RunResult:
        """Set a slider as a user would (one key press) and wait for the rerun to finish."""
        widget = WidgetState(id=slider.widget_id)
        widget.double_array_value.data.append(value)
        result = await self._run(self._client_state([widget], slider.fragment_id), timeout)
        slider.value = value
        return result

    def widget(self, key: str) -> WidgetInfo:
        """The widget the script drew with ``key`` (or a later generation of it, ``key#n``)."""
        found = [w for k, w in self.widgets.items() if k == key or k.startswith(key + "#")]
        if not found:
            raise LookupError(f"no widget with key {key!r} on page {self.page!r}")
        return found[-1]

    async def type_text(self, key: str, text: str, timeout: float = 60) -> RunResult:
        """Type ``text`` into a text box and leave it (the browser then sends its value)."""
        box = self.widget(key)
        typed = WidgetState(id=box.widget_id, string_value=text)
        return await self._run(self._client_state([typed], box.fragment_id), timeout)

    async def press(self, key: str, timeout: float = 60) -> RunResult:
        """Press a button (a rerun of its fragment only, when it is drawn in one)."""
        button = self.widget(key)
        pressed = WidgetState(id=button.widget_id, trigger_value=True)
        return await self._run(self._client_state([pressed], button.fragment_id), timeout)

    def next_value(self, slider: SliderInfo, step_no: int) -> float:
        """Alternate one step up and one step down, as ArrowRight/ArrowLeft would."""
        up = step_no % 2 == 0
        value = slider.value + (slider.step if up else -slider.step)
        if value > slider.max or value < slider.min:
            value = slider.value - (slider.step if up else -slider.step)
        return round(value, 10)
