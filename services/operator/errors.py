"""What an operator's command reports when it cannot go on: one line, a hint, an exit code; and how stores fail."""

from __future__ import annotations

import socket
from urllib.parse import urlsplit, urlunsplit

import aiormq
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

USAGE = 2
"""The command line (or what it was given to read) is wrong: nothing was done."""
FAILURE = 1
"""The command ran and something it needs failed."""


class CliError(Exception):
    """A mistake or failure said in one line with what to do about it; `main` prints it and exits with `exit_code`."""

    def __init__(self, message: str, hint: str = "", exit_code: int = FAILURE) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.exit_code = exit_code

    def line(self) -> str:
        return f"agora: {self.message}" + (f" — {self.hint}" if self.hint else "")


class UsageError(CliError):
    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message, hint, USAGE)


def masked(url: str) -> str:
    """The URL with its password replaced by ***, for messages and logs."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    user, _, host = parts.netloc.rpartition("@")
    return urlunsplit(parts._replace(netloc=f"{user.split(':', 1)[0]}:***@{host}"))


def reason_of(error: BaseException) -> str:
    """Why a connection failed, in a few words."""
    if isinstance(error, aiormq.exceptions.ProbableAuthenticationError):
        return "login refused"
    if isinstance(error, aiormq.exceptions.AMQPConnectionError) and isinstance(error.__cause__, OSError):
        error = error.__cause__  # the socket's own error
    if isinstance(error, ConnectionRefusedError):
        return "connection refused"
    if isinstance(error, socket.gaierror):
        return "unknown host"
    if isinstance(error, TimeoutError):
        return "no answer in time"
    if isinstance(error, DBAPIError):
        return str(error.orig).strip().splitlines()[0]
    if isinstance(error, OSError) and error.strerror:
        return error.strerror.lower()
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__


def database_place(url: str) -> str:
    """`PostgreSQL at host:port` or `SQLite at path`."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return f"SQLite at {parsed.database}"
    return f"PostgreSQL at {parsed.host or 'localhost'}:{parsed.port or 5432}"


def database_unreachable(error: BaseException, url: str, template: str) -> CliError:
    reason = reason_of(error)
    if make_url(url).get_backend_name() == "sqlite":
        hint = f"can this user write there? AGORA_DATA_DIR or AGORA_DATABASE_URL={masked(template)}"
    elif reason == "connection refused":
        hint = f"is it running? AGORA_DATABASE_URL={masked(template)}"
    else:
        hint = f"check AGORA_DATABASE_URL={masked(template)}"
    return CliError(f"cannot reach {database_place(url)}: {reason}", hint)


def broker_place(url: str) -> str:
    parts = urlsplit(url)
    return f"RabbitMQ at {parts.hostname or 'localhost'}:{parts.port or 5672}"


def broker_unreachable(error: BaseException, url: str) -> CliError:
    reason = reason_of(error)
    question = "is it running?" if reason == "connection refused" else "check"
    return CliError(f"cannot reach {broker_place(url)}: {reason}", f"{question} AGORA_AMQP_URL={masked(url)}")
