"""A loopback port where nobody listens, for tests of "central is not answering"."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def refused_url() -> Iterator[str]:
    """`http://127.0.0.1:<port>` of a socket bound but never listening, held for the block.

    A connect to it is refused at once, and no other process can take the port meanwhile: a
    fixed port (9, 8700) may be served by something else on the machine, or by a parallel run.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
