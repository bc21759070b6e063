"""Every mistake and failure of the `agora` command is one line on stderr with a hint, exit 2 or 1."""

from __future__ import annotations

import getpass
from pathlib import Path

import pytest

from tests.support import free_port
from tests.unit.operator.conftest import agora

pytestmark = pytest.mark.usefixtures("data_dir")


def test_an_unknown_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]):
    ran = agora(capsys, "frobnicate")

    assert ran.code == 2
    assert ran.err.startswith("agora: argument command: invalid choice: 'frobnicate'")
    assert ran.err.endswith("— see `agora --help`")


def test_a_missing_argument_names_the_subcommand_to_ask_for_help(capsys: pytest.CaptureFixture[str]):
    ran = agora(capsys, "dead-letters", "replay")

    assert ran.code == 2
    assert "the following arguments are required: QUEUE" in ran.err
    assert ran.err.endswith("— see `agora dead-letters replay --help`")


def test_a_limit_must_be_a_positive_number(capsys: pytest.CaptureFixture[str]):
    ran = agora(capsys, "dead-letters", "replay", "agora.orders.saga", "--limit", "0")

    assert ran.code == 2
    assert "'0' is not a whole number above 0" in ran.err


def test_an_unknown_service_to_migrate_lists_the_ones_there_are(capsys: pytest.CaptureFixture[str]):
    ran = agora(capsys, "migrate", "wallet", "walet")

    assert ran.code == 2
    assert ran.err == (
        "agora: unknown service 'walet' — choose from identity, catalog, notifications, wallet, customers, orders, "
        "reviews, credit"
    )
    assert ran.out == ""  # nothing migrated, not even the service named rightly


def test_a_service_without_a_database_cannot_be_migrated(capsys: pytest.CaptureFixture[str]):
    ran = agora(capsys, "migrate", "scoring")

    assert ran.code == 2
    assert ran.err.startswith("agora: scoring keeps no database — choose from identity,")


def test_an_unreachable_postgresql_is_named_with_its_password_masked(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
):
    port = free_port()  # nothing listens there
    template = f"postgresql+asyncpg://postgres:s3cret@127.0.0.1:{port}/agora_{{service}}"
    monkeypatch.setenv("AGORA_DATABASE_URL", template)

    ran = agora(capsys, "migrate")

    assert ran.code == 1
    assert ran.err == (
        f"agora: cannot reach PostgreSQL at 127.0.0.1:{port}: connection refused — is it running? "
        f"AGORA_DATABASE_URL=postgresql+asyncpg://postgres:***@127.0.0.1:{port}/agora_{{service}}"
    )
    assert ran.out == ""


def test_an_unreachable_rabbitmq_is_one_line(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    port = free_port()
    monkeypatch.setenv("AGORA_AMQP_URL", f"amqp://guest:guest@127.0.0.1:{port}/")

    ran = agora(capsys, "dead-letters", "list")

    assert ran.code == 1
    assert ran.err == (
        f"agora: cannot reach RabbitMQ at 127.0.0.1:{port}: connection refused — is it running? "
        f"AGORA_AMQP_URL=amqp://guest:***@127.0.0.1:{port}/"
    )


def test_dead_letters_without_a_broker_say_where_they_live(capsys: pytest.CaptureFixture[str]):
    ran = agora(capsys, "dead-letters", "list")

    assert ran.code == 1
    assert "dead letters live only inside a running embedded process" in ran.err


def test_an_unknown_queue_is_a_usage_error(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("AGORA_AMQP_URL", f"amqp://guest:guest@127.0.0.1:{free_port()}/")

    ran = agora(capsys, "dead-letters", "list", "agora.nobody.listens")

    assert ran.code == 2
    assert ran.err.startswith("agora: no service subscribes a queue 'agora.nobody.listens'")


def test_create_admin_refuses_a_short_password(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("AGORA_ADMIN_PASSWORD", "short")

    ran = agora(capsys, "create-admin", "root")

    assert ran.code == 2
    assert ran.err.startswith("agora: password must be 8-128 characters — ")
    assert "AGORA_ADMIN_PASSWORD" in ran.err


def test_create_admin_without_a_terminal_points_to_the_variable(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, data_dir: Path
):
    # What getpass does when there is no terminal: warn that the password would echo, then read stdin.
    monkeypatch.setattr(getpass, "getpass", getpass.fallback_getpass)  # type: ignore[attr-defined]  # not in typeshed

    ran = agora(capsys, "create-admin", "root")

    assert ran.code == 2
    assert ran.err == (
        "agora: no terminal to ask for the password on — set AGORA_ADMIN_PASSWORD to create an admin without one"
    )
    assert not (data_dir / "identity.db").exists()  # refused before touching a database


def test_create_admin_with_the_variable_makes_the_admin(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("AGORA_ADMIN_PASSWORD", "correct horse")

    ran = agora(capsys, "create-admin", "root")

    assert ran.code == 0
    assert ran.out.startswith("root (")
    assert ran.out.rstrip().endswith(") is an admin")


def test_a_keys_directory_that_cannot_be_written_is_named(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")  # a file where the keys' directory would be: no user can write into it
    monkeypatch.setenv("AGORA_JWT_KEYS_DIR", str(blocker / "jwt"))

    ran = agora(capsys, "keys", "rotate")

    assert ran.code == 1
    assert ran.err.startswith(f"agora: cannot write a signing key to {blocker / 'jwt'}: ")
    assert "AGORA_JWT_KEYS_DIR" in ran.err


def test_an_invalid_setting_is_named(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("AGORA_GATEWAY_PORT", "eighty")

    ran = agora(capsys, "status")

    assert ran.code == 2
    assert ran.err.startswith("agora: AGORA_GATEWAY_PORT is not valid: ")
