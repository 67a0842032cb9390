"""What the browser tests and the benchmarks share to run the app: Debian's Chromium and its
flags (without them headless Chromium stalls on this machine), a free port, the health check."""

from __future__ import annotations

import socket
import urllib.error
import urllib.request

CHROMIUM_PATH = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def free_port() -> int:
    """A loopback port nothing listens on now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def health_ok(url: str) -> bool:
    """True when Streamlit's ``/_stcore/health`` at ``url`` answers "ok"."""
    try:
        with urllib.request.urlopen(url, timeout=2) as resp:
            return resp.status == 200 and resp.read().decode().strip() == "ok"
    except (urllib.error.URLError, OSError):
        return False
