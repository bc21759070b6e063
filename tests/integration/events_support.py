"""Helpers for the event delivery tests: a cuttable broker link, identity as a process, and polling."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import sys
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from sqlalchemy import func, select

from agora.identity.v1.identity_pb2 import RegisterRequest
from agora.identity.v1.identity_pb2_grpc import IdentityServiceStub
from services.platform.db import Database
from services.platform.events import Event, unwrap
from services.platform.grpc_client import Caller, is_serving, open_channel
from services.platform.outbox import outbox
from services.platform.service_auth import CallSigner
from services.platform.settings import Settings

AGORA = str(Path(sys.executable).with_name("agora"))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def with_port(url: str, port: int) -> str:
    """The same URL (credentials, virtual host) on another port of the same host."""
    parts = urlsplit(url)
    credentials, _, _ = parts.netloc.rpartition("@")
    host = parts.hostname or "127.0.0.1"
    netloc = f"{credentials}@{host}:{port}" if credentials else f"{host}:{port}"
    return urlunsplit(parts._replace(netloc=netloc))


async def eventually(check: Callable[[], Awaitable[bool]], what: str, timeout: float = 15.0) -> None:
    """Waits for what runs in the background (a relay, a consumer), failing the test if it does not happen."""
    try:
        async with asyncio.timeout(timeout):
            while True:
                if await check():
                    return
                await asyncio.sleep(0.05)
    except TimeoutError:
        pytest.fail(f"{what}: not within {timeout}s")


async def close_all_broker_connections() -> None:
    process = await asyncio.create_subprocess_exec(
        "rabbitmqctl",
        "close_all_connections",
        "test",
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    _, errors = await process.communicate()
    assert process.returncode == 0, errors.decode()


@dataclass
class BrokerLink:
    """A TCP port that forwards to the broker until it is cut; then nothing listens there any more."""

    broker_url: str
    port: int = 0
    _server: asyncio.Server | None = None
    _writers: list[asyncio.StreamWriter] = field(default_factory=list)
    _pipes: set[asyncio.Task[None]] = field(default_factory=set)

    @property
    def url(self) -> str:
        return with_port(self.broker_url, self.port)

    async def open(self) -> None:
        self._server = await asyncio.start_server(self._forward, "127.0.0.1", 0)
        self.port = int(self._server.sockets[0].getsockname()[1])

    async def cut(self) -> None:
        """Stops listening and aborts every forwarded connection, as if the broker had vanished."""
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
            self._server = None
        for writer in self._writers:
            writer.transport.abort()
        self._writers.clear()
        for pipe in list(self._pipes):
            pipe.cancel()
        await asyncio.gather(*self._pipes, return_exceptions=True)

    async def _forward(self, client_reader: asyncio.StreamReader, client_writer: asyncio.StreamWriter) -> None:
        parts = urlsplit(self.broker_url)
        try:
            broker_reader, broker_writer = await asyncio.open_connection(parts.hostname, parts.port or 5672)
        except OSError:
            client_writer.transport.abort()
            return
        self._writers += [client_writer, broker_writer]
        for reader, writer in ((client_reader, broker_writer), (broker_reader, client_writer)):
            pipe = asyncio.create_task(_pipe(reader, writer))
            self._pipes.add(pipe)
            pipe.add_done_callback(self._pipes.discard)


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    with contextlib.suppress(OSError):
        while chunk := await reader.read(65536):
            writer.write(chunk)
            await writer.drain()
    writer.transport.abort()


class IdentityProcess:
    """`agora serve identity` as its own process, on the given settings' databases and event namespace."""

    def __init__(self, settings: Settings, amqp_url: str, log: Path) -> None:
        self.address = f"127.0.0.1:{free_port()}"
        self._call = Caller(10.0, CallSigner.of(settings, "tests"))
        self._env = {
            **{name: value for name, value in os.environ.items() if not name.startswith("AGORA_")},
            "AGORA_DATABASE_URL": settings.database_url,
            "AGORA_AMQP_URL": amqp_url,
            "AGORA_EVENT_NAMESPACE": settings.event_namespace,
            "AGORA_IDENTITY_ADDRESS": self.address,
            "AGORA_DATA_DIR": str(settings.data_dir),
            "AGORA_LOG_LEVEL": "WARNING",
            "AGORA_LOG_FORMAT": "text",
        }
        self._log = log
        self._process: asyncio.subprocess.Process | None = None

    async def start(self) -> None:
        with self._log.open("ab") as log:
            self._process = await asyncio.create_subprocess_exec(
                AGORA,
                "serve",
                "identity",
                env=self._env,
                stdin=asyncio.subprocess.DEVNULL,
                stdout=log,
                stderr=log,
                start_new_session=True,
            )

    def exited(self) -> bool:
        return self._process is not None and self._process.returncode is not None

    async def until_serving(self, timeout: float = 20.0) -> None:
        channel = open_channel(self.address)
        try:
            async with asyncio.timeout(timeout):
                while not await is_serving(channel, timeout=0.5):
                    if self.exited():
                        pytest.fail(f"identity exited before serving: {self.log_tail()}")
                    await asyncio.sleep(0.1)
        except TimeoutError:
            pytest.fail(f"identity was not serving within {timeout}s: {self.log_tail()}")
        finally:
            await channel.close()

    async def register(self, username: str, password: str) -> str:
        """Registers over gRPC, as the gateway would; returns the new user's id."""
        channel = open_channel(self.address)
        try:
            request = RegisterRequest(username=username, password=password)
            reply = await self._call(IdentityServiceStub(channel).Register, request)
        finally:
            await channel.close()
        return reply.user.id

    async def kill(self) -> None:
        """SIGKILL: no shutdown hook, no relay stop, no flush."""
        await self._end(signal.SIGKILL)

    async def stop(self) -> None:
        await self._end(signal.SIGTERM)

    async def _end(self, sig: signal.Signals) -> None:
        process = self._process
        if process is None or process.returncode is not None:
            return
        process.send_signal(sig)
        try:
            await asyncio.wait_for(process.wait(), 15)
        except TimeoutError:
            process.kill()
            await process.wait()

    def log_tail(self) -> str:
        return self._log.read_text(errors="replace")[-3000:] if self._log.exists() else "(no output)"


async def outbox_events(database: Database) -> list[Event]:
    """The events waiting in a service's outbox, oldest first (a plain read: locked rows count too)."""
    async with database.transaction() as session:
        bodies: list[bytes] = list((await session.execute(select(outbox.c.body).order_by(outbox.c.id))).scalars())
    return [unwrap(body) for body in bodies]


async def outbox_size(database: Database) -> int:
    async with database.transaction() as session:
        return int((await session.execute(select(func.count()).select_from(outbox))).scalar_one())
