"""The `agora_sdk` logger: a line per response, per retry and per token refresh; headers at debug, redacted;
AGORA_LOG turns it on, and AGORA_ACCESS_TOKEN supplies a token."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterator

import httpx
import pytest

from agora_sdk import Agora
from agora_sdk._logs import logger, setup_logging
from tests.sdk.fakes import BASE_URL, FakeAPI, bearer, ok, problem, tokens_json, user_json


@pytest.fixture
def no_sleep(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(time, "sleep", lambda seconds: None)


@pytest.fixture
def restored_logger() -> Iterator[None]:
    level, handlers = logger.level, list(logger.handlers)
    yield
    logger.setLevel(level)
    logger.handlers[:] = handlers


def messages(caplog: pytest.LogCaptureFixture, level: int = logging.INFO) -> list[str]:
    return [record.getMessage() for record in caplog.records if record.name == "agora_sdk" and record.levelno == level]


def test_each_response_and_retry_is_logged_with_its_request_id(
    api: FakeAPI, client: Agora, caplog: pytest.LogCaptureFixture, no_sleep: None
) -> None:
    api.script(
        "GET",
        "/v1/users/me",
        problem(503, "unavailable", headers={"X-Request-Id": "req-1", "Retry-After": "2"}),
        ok(user_json(), headers={"X-Request-Id": "req-2"}),
    )
    caplog.set_level(logging.INFO, logger="agora_sdk")

    client.identity.me()

    first, retry, second = messages(caplog)
    assert re.fullmatch(r"GET /v1/users/me -> 503 \(request id req-1\) in \d+\.\d ms", first)
    assert retry == "retrying GET /v1/users/me in 2.000 s (retry 1 of 2): 503 unavailable"
    assert re.fullmatch(r"GET /v1/users/me -> 200 \(request id req-2\) in \d+\.\d ms", second)


def test_a_token_refresh_is_logged(api: FakeAPI, client: Agora, caplog: pytest.LogCaptureFixture) -> None:
    client.refresh_token = "r-0"
    api.script("POST", "/v1/auth/refresh", ok(tokens_json(2)))
    api.script("GET", "/v1/users/me", problem(401, "token_expired"), ok(user_json()))
    caplog.set_level(logging.INFO, logger="agora_sdk")

    client.identity.me()

    assert "refreshing the token pair" in messages(caplog)


def test_debug_logs_headers_with_the_authorization_redacted(
    api: FakeAPI, client: Agora, caplog: pytest.LogCaptureFixture
) -> None:
    client.access_token = "secret-token"
    api.script("GET", "/v1/users/me", ok(user_json()))
    caplog.set_level(logging.DEBUG, logger="agora_sdk")

    client.identity.me()

    sent = next(message for message in messages(caplog, logging.DEBUG) if message.startswith("request headers"))
    assert "'authorization': '<redacted>'" in sent
    assert "secret-token" not in caplog.text


def test_nothing_is_logged_at_info_unless_asked(api: FakeAPI, client: Agora, caplog: pytest.LogCaptureFixture) -> None:
    api.script("GET", "/v1/users/me", ok(user_json()))
    caplog.set_level(logging.WARNING, logger="agora_sdk")

    client.identity.me()

    assert caplog.records == []


@pytest.mark.parametrize(("value", "level"), [("info", logging.INFO), ("DEBUG", logging.DEBUG)])
def test_agora_log_sets_the_level_and_adds_one_handler(
    value: str, level: int, monkeypatch: pytest.MonkeyPatch, restored_logger: None
) -> None:
    monkeypatch.setenv("AGORA_LOG", value)

    setup_logging()
    setup_logging()

    assert logger.level == level
    assert len([handler for handler in logger.handlers if handler.get_name() == "agora_sdk.env"]) == 1


def test_without_agora_log_the_logger_is_left_alone(monkeypatch: pytest.MonkeyPatch, restored_logger: None) -> None:
    monkeypatch.delenv("AGORA_LOG", raising=False)
    before = (logger.level, list(logger.handlers))

    setup_logging()

    assert (logger.level, logger.handlers) == before


def test_the_access_token_comes_from_the_environment_unless_given(
    api: FakeAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AGORA_ACCESS_TOKEN", "from-env")
    api.script("GET", "/v1/users/me", ok(user_json()))
    http_client = httpx.Client(transport=api.transport())

    Agora(base_url=BASE_URL, http_client=http_client).identity.me()
    Agora(base_url=BASE_URL, access_token="given", http_client=http_client).identity.me()

    assert [bearer(request) for request in api.requests] == ["Bearer from-env", "Bearer given"]
