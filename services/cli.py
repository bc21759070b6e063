"""The `agora` command: run the embedded platform, one service or every service, and operate them (migrations,
status, dead letters, signing keys, admins)."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import signal
import subprocess
import sys
import time
from typing import NoReturn

import uvicorn
import uvloop
from pydantic import ValidationError

from services.operator.errors import CliError, UsageError
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
"""`agora up` serves each service's /metrics on its own port of this host: from AGORA_METRICS_PORT (else 9101) for
identity on, in SERVICES order (the gateway serves /metrics on its own port)."""


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
    first_metrics_port = int(env.get("AGORA_METRICS_PORT", FIRST_METRICS_PORT))
    children = [
        subprocess.Popen(
            [sys.executable, "-m", "services.cli", "serve", name],
            env={**env, "AGORA_METRICS_PORT": str(first_metrics_port + number)},
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


class Parser(argparse.ArgumentParser):
    """Reports a mistake on the command line as every other mistake of the command: one line, a hint, exit 2."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(message, f"see `{self.prog} --help`")


def positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number above 0")
    return int(text)


def parser() -> Parser:
    parser = Parser(prog="agora", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("dev", help="the whole platform in one process, SQLite under AGORA_DATA_DIR")
    serve_parser = commands.add_parser("serve", help="one service as its own process")
    serve_parser.add_argument("service", choices=[*SERVICES, "gateway"])
    serve_parser.add_argument("--workers", type=int, default=1, help="gateway worker processes")
    up_parser = commands.add_parser("up", help="every service as its own process (PostgreSQL, Redis)")
    up_parser.add_argument("--workers", type=int, default=1, help="gateway worker processes")
    admin_parser = commands.add_parser("create-admin", help="create an admin, or promote an existing user")
    admin_parser.add_argument("username")
    migrate_parser = commands.add_parser("migrate", help="migrate every service's database (or those named) to head")
    migrate_parser.add_argument("services", nargs="*", metavar="SERVICE")
    status_parser = commands.add_parser("status", help="services, databases, broker, outboxes and dead letters")
    status_parser.add_argument("--json", action="store_true", help="one JSON document instead of tables")
    dead_parser = commands.add_parser("dead-letters", help="list or replay the broker's dead letters")
    dead_commands = dead_parser.add_subparsers(dest="action", required=True)
    list_parser = dead_commands.add_parser("list", help="show dead letters (every queue's, or one's), taking none")
    list_parser.add_argument("queue", nargs="?", metavar="QUEUE")
    list_parser.add_argument("--limit", type=positive, default=100, help="dead letters shown per queue (100)")
    list_parser.add_argument("--json", action="store_true", help="JSON instead of tables")
    replay_parser = dead_commands.add_parser("replay", help="send a queue's dead letters back to it")
    replay_parser.add_argument("queue", metavar="QUEUE")
    replay_parser.add_argument("--limit", type=positive, help="replay at most this many (all by default)")
    keys_parser = commands.add_parser("keys", help="the access tokens' signing keys")
    keys_commands = keys_parser.add_subparsers(dest="action", required=True)
    rotate_parser = keys_commands.add_parser("rotate", help="a new signing key; the older ones keep verifying")
    rotate_parser.add_argument(
        "--prune", action="store_true", help="remove keys no unexpired access token can have been signed with"
    )
    return parser


def operate(args: argparse.Namespace, settings: Settings) -> int:
    """Runs one of the operator's commands; returns its exit code."""
    from services.operator import admins, dead_letters, keys, migrations, status
    from services.operator.errors import broker_place

    # Libraries' own log lines (a refused connection, say) would add to the one line a failure is reported in.
    logging.getLogger().addHandler(logging.NullHandler())
    if args.command == "create-admin":
        asyncio.run(admins.create_admin(settings, args.username))
    elif args.command == "migrate":
        asyncio.run(migrations.migrate(settings, args.services))
    elif args.command == "status":
        found = asyncio.run(status.status(settings))
        print(found.as_json() if args.json else found.as_table())
        return 0 if found.up else 1
    elif args.command == "dead-letters" and args.action == "list":
        listed = asyncio.run(dead_letters.list_dead_letters(settings, args.queue, args.limit))
        print(
            dead_letters.as_json(listed)
            if args.json
            else dead_letters.as_text(listed, broker_place(settings.amqp_url or ""))
        )
    elif args.command == "dead-letters" and args.action == "replay":
        replayed = asyncio.run(dead_letters.replay(settings, args.queue, args.limit))
        print(f"replayed {replayed} dead letter{'' if replayed == 1 else 's'} to {args.queue}")
    elif args.command == "keys" and args.action == "rotate":
        print(keys.report(keys.rotate(settings, args.prune)))
    return 0


def settings_from_environment() -> Settings:
    try:
        return Settings()
    except ValidationError as error:
        first = error.errors()[0]
        name = "AGORA_" + str(first["loc"][0]).upper() if first["loc"] else "an AGORA_* variable"
        raise UsageError(
            f"{name} is not valid: {first['msg']}", "fix or unset it (services/platform/settings.py)"
        ) from None


def main(argv: list[str] | None = None) -> int:
    try:
        args = parser().parse_args(argv)
        if args.command == "up":
            return up(args.workers)
        settings = settings_from_environment()
        if args.command == "dev":
            dev(settings)
        elif args.command == "serve":
            serve(args.service, settings, args.workers)
        else:
            return operate(args, settings)
    except CliError as error:
        print(error.line(), file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("agora: interrupted", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
