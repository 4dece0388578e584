"""A hostile central system on loopback: raw sockets, one thread per connection, each request
answered by the next scripted behaviour (or by the default behaviour of its path).

A behaviour is a function of the socket; it writes whatever it likes, as slowly as it likes,
until it is done or the client goes away (the server then stops writing at once)."""

from __future__ import annotations

import json
import socket
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field

Behaviour = Callable[[socket.socket, threading.Event, "Hit"], None]

HEALTH = json.dumps({"status": "ok", "version": "hostile", "time": "2026-11-23T10:00:00Z"}).encode()


@dataclass
class Hit:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class HostileServer:
    """Listening on 127.0.0.1, port chosen by the system."""

    script: list[Behaviour] = field(default_factory=list)
    """Answers for the next requests, in order (health probes included unless `by_path` has
    their path)."""
    by_path: dict[str, Behaviour] = field(default_factory=dict)
    """Answers for a path whenever the script is empty or the path is listed here."""
    default: Behaviour | None = None
    hits: list[Hit] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)
    _listener: socket.socket | None = None
    _connections: list[socket.socket] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def url(self) -> str:
        assert self._listener is not None
        return f"http://127.0.0.1:{self._listener.getsockname()[1]}"

    def start(self) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.2)
        threading.Thread(target=self._accept, name="hostile-accept", daemon=True).start()

    def close(self) -> None:
        self.stop.set()
        if self._listener is not None:
            self._listener.close()
        with self._lock:
            for connection in self._connections:
                with suppress(OSError):
                    connection.close()

    def _accept(self) -> None:
        assert self._listener is not None
        while not self.stop.is_set():
            try:
                connection, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with self._lock:
                self._connections.append(connection)
            threading.Thread(
                target=self._serve, args=(connection,), name="hostile-conn", daemon=True
            ).start()

    def _serve(self, connection: socket.socket) -> None:
        with suppress(OSError), connection:
            connection.settimeout(5)
            data = b""
            while b"\r\n\r\n" not in data:
                more = connection.recv(65536)
                if not more:
                    return
                data += more
            head, body = data.split(b"\r\n\r\n", 1)
            lines = head.decode("latin-1").split("\r\n")
            method, path, _ = lines[0].split(" ", 2)
            headers = {}
            for line in lines[1:]:
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip()
            length = int(headers.get("content-length", "0"))
            while len(body) < length:
                more = connection.recv(65536)
                if not more:
                    break
                body += more
            hit = Hit(method, path, headers, body)
            with self._lock:
                self.hits.append(hit)
                if path in self.by_path:
                    behaviour: Behaviour | None = self.by_path[path]
                elif self.script:
                    behaviour = self.script.pop(0)
                else:
                    behaviour = self.default
            if behaviour is None:
                behaviour = answer(404, b"{}")
            behaviour(connection, self.stop, hit)


@contextmanager
def hostile_server(**kwargs: object) -> Iterator[HostileServer]:
    server = HostileServer(**kwargs)  # type: ignore[arg-type]
    server.start()
    try:
        yield server
    finally:
        server.close()


def _head(status: int, headers: dict[str, str]) -> bytes:
    lines = [f"HTTP/1.1 {status} X"] + [f"{k}: {v}" for k, v in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def answer(
    status: int,
    body: bytes,
    content_type: str = "application/json",
    extra: dict[str, str] | None = None,
) -> Behaviour:
    def behave(connection: socket.socket, stop: threading.Event, hit: Hit) -> None:
        headers = {
            "Content-Type": content_type,
            "Content-Length": str(len(body)),
            "Connection": "close",
            **(extra or {}),
        }
        connection.sendall(_head(status, headers) + body)

    return behave


def trickle(every_s: float = 1.0, declared: int = 100_000) -> Behaviour:
    """A 200 whose body comes one byte every `every_s` seconds, never finished."""

    def behave(connection: socket.socket, stop: threading.Event, hit: Hit) -> None:
        connection.sendall(
            _head(200, {"Content-Type": "application/json", "Content-Length": str(declared)})
        )
        connection.sendall(b"{")
        while not stop.wait(every_s):
            connection.sendall(b" ")

    return behave


def trickle_headers(every_s: float = 1.0) -> Behaviour:
    """A status line and then headers one byte every `every_s` seconds, never finished."""

    def behave(connection: socket.socket, stop: threading.Event, hit: Hit) -> None:
        connection.sendall(b"HTTP/1.1 200 OK\r\nX-Slow: ")
        while not stop.wait(every_s):
            connection.sendall(b"a")

    return behave


def endless_chunked(chunk: int = 64 * 1024, every_s: float = 0.0) -> Behaviour:
    """A chunked 200 that never ends: `chunk` bytes every `every_s` seconds."""
    block = b"0" * chunk
    frame = f"{chunk:x}\r\n".encode() + block + b"\r\n"

    def behave(connection: socket.socket, stop: threading.Event, hit: Hit) -> None:
        connection.sendall(
            _head(200, {"Content-Type": "application/json", "Transfer-Encoding": "chunked"})
        )
        while not stop.is_set():
            connection.sendall(frame)
            if every_s:
                stop.wait(every_s)

    return behave


def oversized(total: int, declare: bool = True) -> Behaviour:
    """A 200 of `total` bytes, sent as fast as the client takes them."""
    block = b" " * (64 * 1024)

    def behave(connection: socket.socket, stop: threading.Event, hit: Hit) -> None:
        headers = {"Content-Type": "application/json", "Connection": "close"}
        if declare:
            headers["Content-Length"] = str(total)
        connection.sendall(_head(200, headers))
        sent = 0
        while sent < total and not stop.is_set():
            part = block[: total - sent]
            connection.sendall(part)
            sent += len(part)

    return behave


def gzip_bomb(inflated: int) -> bytes:
    """A gzip body that inflates to `inflated` bytes of spaces."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = b" " * (1024 * 1024)
    parts = []
    for _ in range(inflated // len(block)):
        parts.append(compressor.compress(block))
    parts.append(compressor.flush())
    return b"".join(parts)


def compressed(body: bytes, encoding: str = "gzip") -> Behaviour:
    return answer(200, body, extra={"Content-Encoding": encoding})


def redirect(status: int, location: str, endless: bool = False) -> Behaviour:
    """A redirect to `location`; `endless`: with a chunked body that never ends."""
    if not endless:
        return answer(status, b"", extra={"Location": location})
    frame = b"10000\r\n" + b" " * 0x10000 + b"\r\n"

    def behave(connection: socket.socket, stop: threading.Event, hit: Hit) -> None:
        headers = {"Location": location, "Transfer-Encoding": "chunked"}
        connection.sendall(_head(status, headers))
        while not stop.is_set():
            connection.sendall(frame)

    return behave


def unavailable(retry_after: str) -> Behaviour:
    problem = json.dumps({"title": "busy", "status": 503, "code": "service.unavailable"})
    return answer(503, problem.encode(), "application/problem+json", {"Retry-After": retry_after})


def replying(make: Callable[[Hit], bytes]) -> Behaviour:
    """A 200 whose JSON body `make` builds from the request."""

    def behave(connection: socket.socket, stop: threading.Event, hit: Hit) -> None:
        answer(200, make(hit))(connection, stop, hit)

    return behave


def healthy() -> Behaviour:
    return answer(200, HEALTH)


def measured(call: Callable[[], object]) -> tuple[float, Exception | None]:
    """Seconds the call took, and what it raised."""
    started = time.monotonic()
    try:
        call()
    except Exception as exc:
        return time.monotonic() - started, exc
    return time.monotonic() - started, None
