"""Both clients' notification streams against a scripted WebSocket server on 127.0.0.1: resuming, the reconnect
policy and its hook, refusals, token refresh, and the client's timeout, TLS and proxy settings."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import datetime
import ipaddress
import json
import socket
import ssl
import threading
from collections.abc import AsyncGenerator, Callable, Generator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import httpx
import pytest
import websockets
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from websockets.datastructures import Headers
from websockets.http11 import Request, Response
from websockets.sync.server import Server, ServerConnection, serve

from agora_sdk import (
    Agora,
    AsyncAgora,
    AuthenticationError,
    InvalidArgumentError,
    ReconnectAttempt,
    ReconnectPolicy,
    StreamDisconnectedError,
    StreamError,
)
from agora_sdk._stream_connection import connect_options
from agora_sdk.models import Notification
from tests.sdk.fakes import FakeAPI, json_body, ok, problem, tokens_json

pytestmark = pytest.mark.timeout(60)

FIRST, SECOND = tokens_json(1), tokens_json(2)
# Tiny, exact delays: the schedule is asserted, and no test waits long.
QUICK = ReconnectPolicy(max_attempts=5, initial_delay=0.001, max_delay=0.004, jitter=0)


@dataclass
class Handshake:
    """One connection the server saw: its upgrade request, and the cursor it subscribed with."""

    path: str
    headers: Headers
    cursor: str | None = None


Act = Callable[[ServerConnection, Handshake], None]


class ScriptedServer:
    """A WebSocket server that answers each connection with the next scripted act (the last one repeats); an int
    refuses the upgrade with that HTTP status."""

    def __init__(self, tls: ssl.SSLContext | None = None) -> None:
        self.handshakes: list[Handshake] = []
        self._acts: list[Act | int] = []
        self._pending: dict[int, tuple[Act, Handshake]] = {}
        self._server: Server = serve(self._handle, "127.0.0.1", 0, process_request=self._upgrade, ssl=tls)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        self.tls = tls is not None

    @property
    def url(self) -> str:
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self._server.socket.getsockname()[1]}"

    def script(self, *acts: Act | int) -> None:
        self._acts.extend(acts)

    def close(self) -> None:
        self._server.shutdown()
        self._thread.join(timeout=10)

    def _upgrade(self, connection: ServerConnection, request: Request) -> Response | None:
        handshake = Handshake(request.path, request.headers)
        self.handshakes.append(handshake)
        act = self._acts.pop(0) if len(self._acts) > 1 else self._acts[0]
        if isinstance(act, int):
            return connection.respond(act, "refused\n")
        self._pending[id(connection)] = (act, handshake)
        return None

    def _handle(self, connection: ServerConnection) -> None:
        act, handshake = self._pending.pop(id(connection))
        act(connection, handshake)


def notification_frame(sequence: int) -> str:
    body = {
        "id": f"00000000-0000-4000-8000-{sequence:012d}",
        "cursor": str(sequence),
        "kind": "welcome",
        "title": "Welcome",
        "body": "Hello",
        "data": {},
        "created_at": "2025-01-01T00:00:00+00:00",
    }
    return json.dumps({"type": "notification", "topic": "notifications", "cursor": str(sequence), "notification": body})


def subscribed(connection: ServerConnection, handshake: Handshake) -> None:
    frame = json.loads(connection.recv())
    assert (frame["type"], frame["topic"]) == ("subscribe", "notifications")
    handshake.cursor = frame["cursor"]
    connection.send(json.dumps({"type": "subscribed", "topic": "notifications"}))


def deliver(*sequences: int, then: str = "hold", code: int = 1012, reason: str = "restarting") -> Act:
    """Confirms the subscription, sends the notifications, then holds the connection until the client hangs up,
    closes it with `code`, or drops it without a close frame."""

    def act(connection: ServerConnection, handshake: Handshake) -> None:
        subscribed(connection, handshake)
        for sequence in sequences:
            connection.send(notification_frame(sequence))
        if then == "close":
            connection.close(code, reason)
        elif then == "drop":
            connection.socket.shutdown(socket.SHUT_RDWR)
        else:
            for _ in connection:
                pass

    return act


def close_at_once(code: int, reason: str = "") -> Act:
    def act(connection: ServerConnection, handshake: Handshake) -> None:
        connection.close(code, reason)

    return act


def error_frame(code: str) -> Act:
    def act(connection: ServerConnection, handshake: Handshake) -> None:
        subscribed(connection, handshake)
        connection.send(json.dumps({"type": "error", "code": code, "detail": "no"}))
        for _ in connection:
            pass

    return act


@pytest.fixture
def server() -> Iterator[ScriptedServer]:
    running = ScriptedServer()
    yield running
    running.close()


@dataclass
class Outcome:
    """What a stream yielded before it stopped, what it raised, and the client's access token afterwards."""

    cursors: list[str]
    error: Exception | None
    access_token: str | None
    reconnects: list[ReconnectAttempt] = field(default_factory=list)


class Run(Protocol):
    def __call__(
        self, base_url: str, count: int, *, tokens: dict[str, Any] | None = ..., **options: Any
    ) -> Outcome: ...


@pytest.fixture(params=["blocking", "asyncio"])
def run(request: pytest.FixtureRequest, api: FakeAPI) -> Run:
    """Streams `count` notifications (or until it raises) through the blocking or the asyncio client; every
    test that takes `run` proves the two streams behave alike."""

    def blocking(base_url: str, count: int, *, tokens: dict[str, Any] | None = None, **options: Any) -> Outcome:
        reconnects: list[ReconnectAttempt] = []
        options.setdefault("on_reconnect", reconnects.append)
        with httpx.Client(transport=api.transport()) as http_client:
            client = Agora(base_url=base_url, http_client=http_client, max_retries=0, **(tokens or {}))
            cursors, error = take(client.notifications.stream(**options), count)
            return Outcome(cursors, error, client.access_token, reconnects)

    def in_asyncio(base_url: str, count: int, *, tokens: dict[str, Any] | None = None, **options: Any) -> Outcome:
        reconnects: list[ReconnectAttempt] = []
        options.setdefault("on_reconnect", reconnects.append)

        async def main() -> Outcome:
            async with httpx.AsyncClient(transport=api.async_transport()) as http_client:
                client = AsyncAgora(base_url=base_url, http_client=http_client, max_retries=0, **(tokens or {}))
                cursors, error = await atake(client.notifications.stream(**options), count)
                return Outcome(cursors, error, client.access_token, reconnects)

        return asyncio.run(main())

    return blocking if request.param == "blocking" else in_asyncio


def take(stream: Generator[Notification, None, None], count: int) -> tuple[list[str], Exception | None]:
    cursors: list[str] = []
    try:
        for notification in stream:
            cursors.append(notification.cursor)
            if len(cursors) == count:
                return cursors, None
    except Exception as error:
        return cursors, error
    finally:
        stream.close()
    raise AssertionError("the stream ended by itself")


async def atake(stream: AsyncGenerator[Notification, None], count: int) -> tuple[list[str], Exception | None]:
    cursors: list[str] = []
    try:
        async for notification in stream:
            cursors.append(notification.cursor)
            if len(cursors) == count:
                return cursors, None
    except Exception as error:
        return cursors, error
    finally:
        await stream.aclose()
    raise AssertionError("the stream ended by itself")


SIGNED_IN = {"access_token": FIRST["access_token"]}


def test_a_dropped_stream_resumes_after_the_last_notification(run: Run, server: ScriptedServer):
    server.script(deliver(1, 2, then="drop"), deliver(3, then="close"), deliver(4))
    outcome = run(server.url, 4, tokens=SIGNED_IN, reconnect_policy=QUICK)
    assert (outcome.cursors, outcome.error) == (["1", "2", "3", "4"], None)
    assert [handshake.cursor for handshake in server.handshakes] == ["0", "2", "3"]
    assert [(r.attempt, r.close_code, r.cursor) for r in outcome.reconnects] == [(1, None, "2"), (1, 1012, "3")]


def test_the_hook_hears_each_reconnect_with_its_attempt_delay_and_reason(run: Run, server: ScriptedServer):
    server.script(close_at_once(4429, "at most 1 sockets per user"), close_at_once(4408), 503, deliver(7))
    outcome = run(server.url, 1, tokens=SIGNED_IN, reconnect_policy=QUICK)
    assert outcome.cursors == ["7"]
    assert [(r.attempt, r.delay, r.close_code) for r in outcome.reconnects] == [
        (1, 0.001, 4429),
        (2, 0.002, 4408),
        (3, 0.004, None),
    ]
    assert isinstance(outcome.reconnects[2].reason, websockets.InvalidStatus)


def test_a_gone_server_exhausts_the_policy_with_the_last_failure_chained(run: Run):
    outcome = run(f"http://127.0.0.1:{unused_port()}", 1, reconnect_policy=ReconnectPolicy(3, initial_delay=0))
    assert isinstance(outcome.error, StreamDisconnectedError)
    assert (outcome.error.attempts, outcome.error.cursor) == (3, "0")
    assert isinstance(outcome.error.__cause__, ConnectionRefusedError)
    assert [r.attempt for r in outcome.reconnects] == [1, 2, 3]


def test_the_policy_counts_only_reconnects_in_a_row_without_progress(run: Run, server: ScriptedServer):
    server.script(deliver(1, then="close"), deliver(2, then="close"), close_at_once(1011))
    outcome = run(server.url, 3, tokens=SIGNED_IN, reconnect_policy=ReconnectPolicy(1, initial_delay=0))
    assert outcome.cursors == ["1", "2"]
    assert isinstance(outcome.error, StreamDisconnectedError)
    assert (outcome.error.attempts, outcome.error.cursor, outcome.error.close_code) == (1, "2", 1011)


def test_max_elapsed_stops_reconnecting_once_the_time_is_spent(run: Run, server: ScriptedServer):
    server.script(close_at_once(1011))
    outcome = run(server.url, 1, reconnect_policy=ReconnectPolicy(None, max_elapsed=0, initial_delay=0.001))
    assert isinstance(outcome.error, StreamDisconnectedError)
    assert (outcome.error.attempts, len(server.handshakes), outcome.reconnects) == (0, 1, [])


def test_the_hook_can_stop_the_stream(run: Run, server: ScriptedServer):
    server.script(close_at_once(1011))

    def stop(attempt: ReconnectAttempt) -> None:
        raise KeyboardInterruptLike(attempt)

    outcome = run(server.url, 1, reconnect_policy=QUICK, on_reconnect=stop)
    assert isinstance(outcome.error, KeyboardInterruptLike)
    assert len(server.handshakes) == 1


class KeyboardInterruptLike(Exception):
    """What a caller's hook raises to stop."""


def test_an_expired_token_is_refreshed_before_the_reconnect(run: Run, server: ScriptedServer, api: FakeAPI):
    api.script("POST", "/v1/auth/refresh", ok(SECOND))
    server.script(close_at_once(4401, "token_expired"), deliver(1))
    tokens = {"access_token": FIRST["access_token"], "refresh_token": FIRST["refresh_token"]}
    outcome = run(server.url, 1, tokens=tokens, reconnect_policy=QUICK)
    assert (outcome.cursors, outcome.access_token) == (["1"], SECOND["access_token"])
    assert [h.headers["Authorization"] for h in server.handshakes] == [
        f"Bearer {FIRST['access_token']}",
        f"Bearer {SECOND['access_token']}",
    ]
    [refresh] = api.sent("POST", "/v1/auth/refresh")
    assert json_body(refresh) == {"refresh_token": FIRST["refresh_token"]}


def test_a_refused_refresh_ends_the_stream_with_its_error(run: Run, server: ScriptedServer, api: FakeAPI):
    api.script("POST", "/v1/auth/refresh", problem(401, "refresh_token_revoked"))
    server.script(close_at_once(4401, "token_expired"))
    tokens = {"access_token": FIRST["access_token"], "refresh_token": FIRST["refresh_token"]}
    outcome = run(server.url, 1, tokens=tokens, reconnect_policy=QUICK)
    assert isinstance(outcome.error, AuthenticationError)
    assert len(server.handshakes) == 1


@pytest.mark.parametrize(
    ("act", "code", "close_code"),
    [
        (close_at_once(4401, "token_expired"), "token_expired", 4401),  # no refresh token is held
        (close_at_once(4401, "token_revoked"), "token_revoked", 4401),
        (close_at_once(1003, "frames are JSON text"), None, 1003),
        (error_frame("invalid_cursor"), "invalid_cursor", None),
        (403, None, None),
    ],
    ids=["expired-without-refresh-token", "revoked", "unsupported-data", "error-frame", "upgrade-refused"],
)
def test_a_refusal_no_reconnect_can_fix_raises_stream_error_at_once(
    run: Run, server: ScriptedServer, act: Act | int, code: str | None, close_code: int | None
):
    server.script(act)
    outcome = run(server.url, 1, tokens=SIGNED_IN, reconnect_policy=QUICK)
    assert type(outcome.error) is StreamError
    assert (outcome.error.code, outcome.error.close_code) == (code, close_code)
    assert (len(server.handshakes), outcome.reconnects) == (1, [])


def test_the_handshake_carries_the_token_the_calls_headers_and_query(run: Run, server: ScriptedServer):
    server.script(deliver(1))
    run(server.url, 1, tokens=SIGNED_IN, extra_headers={"X-Trace": "t-1"}, extra_query={"v": "2"})
    [handshake] = server.handshakes
    assert handshake.path == "/v1/ws?v=2"
    assert handshake.headers["Authorization"] == f"Bearer {FIRST['access_token']}"
    assert handshake.headers["X-Trace"] == "t-1"
    assert handshake.headers["User-Agent"].startswith("agora-sdk-python/")


def test_the_open_timeout_is_the_clients_connect_timeout(api: FakeAPI):
    with socket.create_server(("127.0.0.1", 0)) as silent:  # accepts connections, never answers the upgrade
        url = f"http://127.0.0.1:{silent.getsockname()[1]}"
        with httpx.Client(transport=api.transport()) as http_client:
            client = Agora(base_url=url, http_client=http_client, timeout=httpx.Timeout(30, connect=0.05))
            _, error = take(client.notifications.stream(reconnect_policy=ReconnectPolicy(0)), 1)
    assert isinstance(error, StreamDisconnectedError)
    assert isinstance(error.__cause__, TimeoutError)


@pytest.mark.parametrize(
    ("wrong", "message"),
    [
        ({"max_attempts": -1}, "max_attempts"),
        ({"max_elapsed": -1.0}, "max_elapsed"),
        ({"initial_delay": -1.0}, "delays"),
        ({"jitter": 1.5}, "jitter"),
    ],
)
def test_the_policy_refuses_nonsense(wrong: dict[str, Any], message: str):
    with pytest.raises(InvalidArgumentError, match=message):
        ReconnectPolicy(**wrong)


def test_the_default_policy_is_bounded_and_jittered():
    policy = ReconnectPolicy()
    assert (policy.max_attempts, policy.allows(11, 0)) == (10, False)
    assert all(0.75 * 10 <= policy.delay(20) <= 10 for _ in range(100))


# TLS: a self-signed certificate for 127.0.0.1, trusted through the client's own HTTP client.


@pytest.fixture
def tls_server(tmp_path: Path) -> Iterator[tuple[ScriptedServer, ssl.SSLContext]]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(hours=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    pem = certificate.public_bytes(serialization.Encoding.PEM)
    (tmp_path / "cert.pem").write_bytes(pem)
    (tmp_path / "key.pem").write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    served = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    served.load_cert_chain(tmp_path / "cert.pem", tmp_path / "key.pem")
    trusting = ssl.create_default_context(cadata=pem.decode())
    running = ScriptedServer(tls=served)
    yield running, trusting
    running.close()


def test_a_https_client_streams_over_wss_with_its_http_clients_tls_settings(
    tls_server: tuple[ScriptedServer, ssl.SSLContext],
):
    server, trusting = tls_server
    server.script(deliver(1))
    with httpx.Client(verify=trusting) as http_client:
        client = Agora(base_url=server.url, access_token="access-1", http_client=http_client)
        cursors, error = take(client.notifications.stream(reconnect_policy=QUICK), 1)
    assert (cursors, error) == (["1"], None)


async def test_an_untrusted_certificate_raises_stream_error_without_reconnecting(
    tls_server: tuple[ScriptedServer, ssl.SSLContext],
):
    server, _ = tls_server
    server.script(deliver(1))
    reconnects: list[ReconnectAttempt] = []
    async with AsyncAgora(base_url=server.url, access_token="access-1") as client:
        stream = client.notifications.stream(reconnect_policy=QUICK, on_reconnect=reconnects.append)
        with pytest.raises(StreamError, match="certificate") as raised:
            await anext(stream)
    assert isinstance(raised.value.__cause__, ssl.SSLCertVerificationError)
    assert reconnects == []


# Proxies: the WebSocket goes through the proxy the REST calls would go through.


class ConnectProxy:
    """An HTTP proxy on 127.0.0.1 that tunnels CONNECT requests and records each one's head."""

    def __init__(self) -> None:
        self.heads: list[str] = []
        self._listener = socket.create_server(("127.0.0.1", 0))
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def port(self) -> int:
        return int(self._listener.getsockname()[1])

    def close(self) -> None:
        self._listener.close()

    def _accept(self) -> None:
        with contextlib.suppress(OSError):
            while True:
                client, _ = self._listener.accept()
                threading.Thread(target=self._tunnel, args=(client,), daemon=True).start()

    def _tunnel(self, client: socket.socket) -> None:
        head = b""
        while b"\r\n\r\n" not in head:
            head += client.recv(4096)
        self.heads.append(head.decode())
        host, _, port = head.split()[1].decode().rpartition(":")
        upstream = socket.create_connection((host, int(port)))
        client.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
        downstream = threading.Thread(target=pipe, args=(upstream, client), daemon=True)
        downstream.start()
        pipe(client, upstream)
        downstream.join()
        client.close()
        upstream.close()


def pipe(source: socket.socket, target: socket.socket) -> None:
    """Copies one direction of the tunnel; the end of it is passed on as a half-close."""
    with contextlib.suppress(OSError):
        while data := source.recv(65536):
            target.sendall(data)
        target.shutdown(socket.SHUT_WR)


@pytest.fixture
def proxy() -> Iterator[ConnectProxy]:
    running = ConnectProxy()
    yield running
    running.close()


def test_the_blocking_stream_tunnels_through_the_http_clients_proxy(server: ScriptedServer, proxy: ConnectProxy):
    server.script(deliver(1))
    with httpx.Client(proxy=f"http://user:secret@127.0.0.1:{proxy.port}") as http_client:
        client = Agora(base_url=server.url, access_token="access-1", http_client=http_client)
        assert take(client.notifications.stream(reconnect_policy=QUICK), 1) == (["1"], None)
    [head] = proxy.heads
    assert head.startswith(f"CONNECT {server.url.removeprefix('http://')} ")
    assert f"Proxy-Authorization: Basic {base64.b64encode(b'user:secret').decode()}" in head


async def test_the_asyncio_stream_tunnels_through_the_proxy_of_the_environment(
    server: ScriptedServer, proxy: ConnectProxy, monkeypatch: pytest.MonkeyPatch
):
    server.script(deliver(1))
    monkeypatch.setenv("ALL_PROXY", f"http://127.0.0.1:{proxy.port}")  # httpx reads it; websockets alone would not
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    async with AsyncAgora(base_url=server.url, access_token="access-1") as client:
        assert await atake(client.notifications.stream(reconnect_policy=QUICK), 1) == (["1"], None)
    assert [head.split()[:2] for head in proxy.heads] == [["CONNECT", server.url.removeprefix("http://")]]


def test_the_http_clients_proxy_is_the_websockets_proxy_credentials_included():
    with httpx.Client(proxy="http://user:p%40ss@proxy.test:3128") as http_client:
        client = Agora(base_url="https://agora.test", http_client=http_client)
        options = connect_options(client, None, {})
    assert options["proxy"] == "http://user:p%40ss@proxy.test:3128"
    assert isinstance(options["ssl"], ssl.SSLContext)


def test_the_environments_proxies_are_read_as_httpx_reads_them(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.test:3128")
    monkeypatch.setenv("NO_PROXY", "direct.test")
    with Agora(base_url="https://agora.test") as proxied, Agora(base_url="https://direct.test") as direct:
        assert connect_options(proxied, None, {})["proxy"] == "http://proxy.test:3128"
        assert connect_options(direct, None, {})["proxy"] is None
    with httpx.Client(trust_env=False) as http_client:
        distrusting = Agora(base_url="https://agora.test", http_client=http_client)
        assert connect_options(distrusting, None, {})["proxy"] is None


def unused_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
