"""The gateway's error shapes: problem documents on agora.v1, `{"errors"}` on the merch surface."""

from __future__ import annotations

import json

import pytest
from starlette.requests import ClientDisconnect

from services.gateway.problems import on_client_gone, on_problem
from services.platform.rest import ProblemError
from tests.support import fake_request


@pytest.mark.parametrize(
    ("status", "path", "expected_status", "expected_body"),
    [
        (422, "/v1/wallet/transfers", 422, {"code": "validation_failed"}),
        (422, "/api/sendCoin", 400, {"errors": "broken"}),
        (404, "/api/sendCoin", 400, {"errors": "broken"}),
        (401, "/api/info", 401, {"errors": "broken"}),
        (503, "/api/buy/cup", 500, {"errors": "broken"}),
    ],
)
async def test_each_surface_has_its_error_shape(
    status: int, path: str, expected_status: int, expected_body: dict[str, str]
) -> None:
    response = await on_problem(fake_request(b"", path), ProblemError(status, "validation_failed", "broken"))

    body = json.loads(bytes(response.body))
    assert response.status_code == expected_status
    assert expected_body.items() <= body.items()
    if path.startswith("/api/"):
        assert set(body) == {"errors"}


async def test_a_client_that_hung_up_is_not_a_server_error() -> None:
    response = await on_client_gone(fake_request(b"", "/v1/products"), ClientDisconnect())

    assert response.status_code == 400
    assert json.loads(bytes(response.body))["code"] == "client_disconnected"
