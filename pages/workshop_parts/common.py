"""What the workshop screens share: the database (opened once per server), the store, the tally
cached per workshop revision, where a request came from, the participant link and its QR code.
"""

from __future__ import annotations

import io
import os
import secrets
import threading
import urllib.parse
from collections import OrderedDict
from pathlib import Path

import segno
import streamlit as st

from redesign.buyback.model import BuybackModel
from redesign.core.text import escape_markdown
from redesign.store import DB_URL_ENV, Database, StoreError, open_database
from redesign.workshop import (
    OfferError,
    Tally,
    Workshop,
    WorkshopStore,
    client_key,
    deliverable_days,
)
from ui.data import get_dataset
from ui.layout import page_setup

# The address participants use, when the one the facilitator's browser shows is not reachable from
# phones (e.g. http://localhost): set it to the app's address on the network, like
# http://10.0.0.5:8501.
PUBLIC_URL_ENV = "REDESIGN_PUBLIC_URL"
PAGE_PATH = "workshop"
PARAMS = frozenset({"join", "me", "workshop", "key"})
# The page's script (pages/workshop.py), for ui.navigation; ui never imports a page.
PAGE_SCRIPT = str(Path(__file__).resolve().parents[2] / "pages" / "workshop.py")
TALLY_CACHE_SIZE = 64
_SESSION_CLIENT = "ws:client"


@st.cache_resource(show_spinner=False)
def _database(url: str | None) -> Database:
    database = open_database(url)
    # Deleted workshops past their 30 days go when a server first opens the database.
    WorkshopStore(database, BuybackModel(get_dataset())).purge()
    return database


def setup(title: str) -> None:
    """The page's frame (ui.layout.page_setup) with this screen's title and the page's link keys."""
    page_setup(title, params=PARAMS, script=PAGE_SCRIPT)


def store() -> WorkshopStore:
    """The workshop store, or the page stops with a one-line message (the other pages work)."""
    model = BuybackModel(get_dataset())
    try:
        deliverable_days(model)
        database = _database(os.environ.get(DB_URL_ENV) or None)
    except (StoreError, OfferError) as exc:
        setup("Workshop")
        st.error(
            f"Workshops cannot be used now: {escape_markdown(str(exc))}. The other pages work "
            "as before.",
            icon=":material/database:",
        )
        st.stop()
    return WorkshopStore(database, model)


class _TallyCache:
    """Tallies by (workshop, revision, days per FTE): every screen watching a workshop on this
    server shares one computation per change, however often their fragments rerun."""

    def __init__(self, size: int) -> None:
        self._items: OrderedDict[tuple[str, int, float | None], Tally] = OrderedDict()
        self._lock = threading.Lock()
        self._size = size

    def get(self, workshops: WorkshopStore, workshop: Workshop) -> Tally:
        key = (workshop.id, workshop.revision, None)
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
                return found
        result = workshops.tally(workshop)
        with self._lock:
            self._items[key] = result
            while len(self._items) > self._size:
                self._items.popitem(last=False)
        return result


@st.cache_resource(show_spinner=False)
def _tally_cache() -> _TallyCache:
    return _TallyCache(TALLY_CACHE_SIZE)


def cached_tally(workshops: WorkshopStore, workshop: Workshop) -> Tally:
    return _tally_cache().get(workshops, workshop)


def client() -> str:
    """Where this session's attempts come from, as a digest: its IP address, or (on the server's
    own machine, where Streamlit gives none) this session."""
    address = st.context.ip_address
    if address:
        return client_key(f"ip:{address}")
    if _SESSION_CLIENT not in st.session_state:
        st.session_state[_SESSION_CLIENT] = secrets.token_hex(16)
    return client_key(f"session:{st.session_state[_SESSION_CLIENT]}")


def page_url() -> str:
    """The workshop page's address as the browser sees it (or as REDESIGN_PUBLIC_URL says)."""
    public = os.environ.get(PUBLIC_URL_ENV, "").strip().rstrip("/")
    if public:
        return f"{public}/{PAGE_PATH}"
    seen = st.context.url
    if seen:
        return seen.rstrip("/") if seen.rstrip("/").endswith(PAGE_PATH) else f"{seen}/{PAGE_PATH}"
    host = st.context.headers.get("Host")
    return f"http://{host}/{PAGE_PATH}" if host else f"/{PAGE_PATH}"


def participant_link(workshop: Workshop) -> str:
    return f"{page_url()}?{urllib.parse.urlencode({'join': workshop.join_code})}"


def facilitator_link(workshop: Workshop, key: str) -> str:
    query = urllib.parse.urlencode({"workshop": workshop.id, "key": key})
    return f"{page_url()}?{query}"


def unreachable_from_phones(link: str) -> bool:
    host = urllib.parse.urlsplit(link).hostname or ""
    return host in ("localhost", "127.0.0.1", "::1", "") or host.endswith(".localhost")


@st.cache_data(show_spinner=False, max_entries=32)
def qr_png(link: str) -> bytes:
    """The link as a QR code, made here (segno), black on white with the quiet zone scanners need."""
    out = io.BytesIO()
    segno.make(link, error="m").save(out, kind="png", scale=12, border=3)
    return out.getvalue()


# Big type for the projector (CONVENTIONS: body 20 px or more, headline figures 48 px or more).
PROJECTOR_CSS = """
<style>
[data-testid="stMain"] [data-testid="stMarkdownContainer"] p,
[data-testid="stMain"] [data-testid="stMarkdownContainer"] li { font-size: 1.35rem; }
[data-testid="stMain"] [data-testid="stMetricValue"],
[data-testid="stMain"] [data-testid="stMetricValue"] * {
  font-size: 3.2rem !important; line-height: 1.1; font-weight: 700;
}
[data-testid="stMain"] [data-testid="stMetricLabel"] p { font-size: 1.3rem !important; }
[data-testid="stMain"] [data-testid="stCaptionContainer"] { font-size: 1.05rem; }
[data-testid="stMain"] [data-testid="stTable"] td,
[data-testid="stMain"] [data-testid="stTable"] th { font-size: 1.3rem; }
.st-key-ws-code p {
  font-size: clamp(2rem, 3.1vw, 3.6rem) !important; font-weight: 700; letter-spacing: 0.06em; white-space: nowrap;
  line-height: 1.1;
}
[data-testid="stMain"] h1 { font-size: 2.4rem; padding-top: 0; }
[data-testid="stMainBlockContainer"] { padding-top: 4rem; }
</style>
"""

# Phones: boxes and buttons big enough to tap, nothing wider than the screen.
PHONE_CSS = """
<style>
[data-testid="stMain"] input, [data-testid="stMain"] textarea { font-size: 1.1rem; }
[data-testid="stMain"] [data-testid="stFormSubmitButton"],
[data-testid="stMain"] [data-testid="stFormSubmitButton"] button { min-height: 3rem; width: 100%; }
</style>
"""
