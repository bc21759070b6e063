"""The `agora` command: run the embedded platform, one service, every service, or create an admin."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import os
import signal
import subprocess
import sys
import time

import uvicorn
import uvloop

from services.platform.bus import open_bus
from services.platform.logging import configure_logging
from services.platform.metrics import serve_metrics
from services.platform.runner import wait_for_shutdown_signal
from services.platform.settings import SERVICES, Settings
from services.platform.tracing import configure_tracing

REAL_MODE_DEFAULTS = {
    "AGORA_DATABASE_URL": "postgresql+asyncpg://postgres@127.0.0.1:5432/agora_{service}",
    "AGORA_REDIS_URL": "redis://127.0.0.1:6379/0",
    "AGORA_AMQP_URL": "amqp://guest:guest@127.0.0.1:5672/",
}


FIRST_METRICS_PORT = 9101
"""`agora up` serves each service's /metrics on its own port of this host: 9101 for identity, and so on in
SERVICES order (the gateway serves /metrics on its own port)."""


def run_gateway(settings: Settings, app_factory: str, workers: int = 1) -> None:
    uvicorn.run(
        app_factory,
        factory=True,
        host=settings.gateway_host,
        port=settings.gateway_port,
        workers=workers,
        loop="uvloop",
        http="httptools",
        log_config=None,
        access_log=False,
        server_header=False,  # no banner naming the server software
        ws_max_size=settings.ws_max_frame_bytes,
        ws_ping_interval=20,
        ws_ping_timeout=20,
        timeout_keep_alive=settings.gateway_keep_alive_seconds,
    )


def dev(settings: Settings) -> None:
    configure_logging("agora", settings.log_level, settings.log_format or "text")
    os.environ.setdefault("AGORA_GRPC_REFLECTION", "true")  # read by the app factory's own settings
    base = f"http://{settings.gateway_host}:{settings.gateway_port}"
    print(f"Agora (embedded) on {base}: REST docs {base}/docs, contract {base}/openapi.json", flush=True)
    print(f"Data in {settings.data_dir.resolve()}; stop with Ctrl-C.", flush=True)
    run_gateway(settings, "services.embedded:app_from_environment")


async def serve_grpc(name: str, settings: Settings) -> None:
    from services.registry import STARTERS

    if settings.metrics_port is not None:
        serve_metrics(settings.metrics_port, settings.metrics_host)
    configure_tracing(settings, name)
    bus = open_bus(settings.amqp_url, settings.event_namespace)
    running = await STARTERS[name](settings, settings.listen_address_of(name), bus)
    await wait_for_shutdown_signal()
    await bus.close()
    await running.stop(settings.grpc_shutdown_grace_seconds)


def serve(name: str, settings: Settings, workers: int) -> None:
    configure_logging(name, settings.log_level, settings.log_format or "json")
    if name == "gateway":
        run_gateway(settings, "services.gateway.app:app_from_environment", workers)
    else:
        # uvloop, as uvicorn runs the gateway: socket writes and callbacks cost a fraction of asyncio's own loop.
        uvloop.run(serve_grpc(name, settings))


def up(workers: int) -> int:
    """Starts every service as its own process against PostgreSQL and Redis; stops them all on a signal."""
    env = {**REAL_MODE_DEFAULTS, **os.environ}
    children = [
        subprocess.Popen(
            [sys.executable, "-m", "services.cli", "serve", name],
            env={**env, "AGORA_METRICS_PORT": str(FIRST_METRICS_PORT + number)},
        )
        for number, name in enumerate(SERVICES)
    ]
    children.append(
        subprocess.Popen([sys.executable, "-m", "services.cli", "serve", "gateway", "--workers", str(workers)], env=env)
    )
    stopping = False

    def stop(*_: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    while not stopping and all(child.poll() is None for child in children):
        time.sleep(0.2)
    for child in children:
        if child.poll() is None:
            child.send_signal(signal.SIGTERM)
    for child in children:
        child.wait(timeout=30)
    return 0 if stopping else 1


async def create_admin(settings: Settings, username: str) -> None:
    """Creates or promotes the admin and opens its wallet, straight in the services' databases."""
    from services.identity.service import open_identity
    from services.wallet.service import open_wallet

    password = os.environ.get("AGORA_ADMIN_PASSWORD") or getpass.getpass(f"password for {username}: ")
    identity, _, database = await open_identity(settings)
    try:
        user = await identity.make_admin(username, password)
    finally:
        await database.close()
    wallet, database = await open_wallet(settings)
    try:
        await wallet.open_accounts(user.id, user.username)
    finally:
        await database.close()
    print(f"{user.username} ({user.id}) is an admin")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="agora", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("dev", help="the whole platform in one process, SQLite under AGORA_DATA_DIR")
    serve_parser = commands.add_parser("serve", help="one service as its own process")
    serve_parser.add_argument("service", choices=[*SERVICES, "gateway"])
    serve_parser.add_argument("--workers", type=int, default=1, help="gateway worker processes")
    up_parser = commands.add_parser("up", help="every service as its own process (PostgreSQL, Redis)")
    up_parser.add_argument("--workers", type=int, default=1, help="gateway worker processes")
    admin_parser = commands.add_parser("create-admin", help="create an admin, or promote an existing user")
    admin_parser.add_argument("username")
    args = parser.parse_args(argv)

    if args.command == "up":
        return up(args.workers)
    settings = Settings()
    if args.command == "dev":
        dev(settings)
    elif args.command == "serve":
        serve(args.service, settings, args.workers)
    elif args.command == "create-admin":
        asyncio.run(create_admin(settings, args.username))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
