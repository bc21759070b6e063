"""A scripted Agora API behind httpx.MockTransport, and contract-shaped bodies for it to answer with."""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from collections.abc import Awaitable, Callable
from typing import Any

import httpx

BASE_URL = "http://agora.test"
PRODUCT_ID = uuid.UUID("00000000-0000-4000-8000-000000000001")
USER_ID = uuid.UUID("00000000-0000-4000-8000-000000000002")
ORDER_ID = uuid.UUID("00000000-0000-4000-8000-000000000003")
DELETION_ID = uuid.UUID("00000000-0000-4000-8000-000000000004")

SyncReply = Callable[[httpx.Request], httpx.Response]
Reply = Callable[[httpx.Request], httpx.Response | Awaitable[httpx.Response]]


class FakeAPI:
    """Answers each (method, path) with its scripted replies in turn (the last one repeats) and records requests."""

    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []
        self._replies: defaultdict[tuple[str, str], list[Reply]] = defaultdict(list)

    def script(self, method: str, path: str, *replies: Reply) -> None:
        self._replies[(method, path)].extend(replies)

    def _next_reply(self, request: httpx.Request) -> httpx.Response | Awaitable[httpx.Response]:
        self.requests.append(request)
        queue = self._replies.get((request.method, request.url.path))
        assert queue, f"unscripted request: {request.method} {request.url}"
        reply = queue.pop(0) if len(queue) > 1 else queue[0]
        return reply(request)

    def handle(self, request: httpx.Request) -> httpx.Response:
        response = self._next_reply(request)
        assert isinstance(response, httpx.Response), "an async reply was scripted for a sync client"
        return response

    async def ahandle(self, request: httpx.Request) -> httpx.Response:
        response = self._next_reply(request)
        return response if isinstance(response, httpx.Response) else await response

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self.handle)

    def async_transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self.ahandle)

    def sent(self, method: str, path: str) -> list[httpx.Request]:
        return [request for request in self.requests if request.method == method and request.url.path == path]


def ok(body: Any = None, status: int = 200, headers: dict[str, str] | None = None) -> SyncReply:
    def reply(request: httpx.Request) -> httpx.Response:
        if body is None:
            return httpx.Response(status, headers=headers)
        return httpx.Response(status, json=body, headers=headers)

    return reply


def problem(
    status: int, code: str, detail: str = "it went wrong", *, headers: dict[str, str] | None = None, **fields: Any
) -> SyncReply:
    body = {"type": f"https://agora.test/problems/{code}", "title": "Problem", "status": status, "code": code}
    body |= {"detail": detail, **fields}

    def reply(request: httpx.Request) -> httpx.Response:
        content = json.dumps(body).encode()
        return httpx.Response(
            status, content=content, headers={"Content-Type": "application/problem+json", **(headers or {})}
        )

    return reply


def fail(error: type[httpx.TransportError]) -> SyncReply:
    def reply(request: httpx.Request) -> httpx.Response:
        raise error("simulated transport failure", request=request)

    return reply


def product_json(index: int = 0, **fields: Any) -> dict[str, Any]:
    return {
        "id": str(uuid.UUID(int=index + 1)),
        "name": f"Product {index}",
        "description": "",
        "category": "merch",
        "price": {"amount": 1200, "currency": "USD"},
        "stock": 5,
        "status": "active",
        "created_at": "2025-01-01T00:00:00+00:00",
        "updated_at": "2025-01-01T00:00:00+00:00",
    } | fields


def page_json(
    indexes: range, next_cursor: str | None = None, item: Callable[[int], dict[str, Any]] = product_json
) -> dict[str, Any]:
    body: dict[str, Any] = {"items": [item(index) for index in indexes]}
    if next_cursor is not None:
        body["next_cursor"] = next_cursor
    return body


def notification_json(sequence: int = 1) -> dict[str, Any]:
    return {
        "id": str(uuid.UUID(int=sequence)),
        "cursor": str(sequence),
        "kind": "welcome",
        "title": "Welcome",
        "body": "Hello",
        "data": {"username": "ada"},
        "created_at": "2025-01-01T00:00:00+00:00",
    }


def transaction_json(index: int = 0, **fields: Any) -> dict[str, Any]:
    return {
        "id": str(uuid.UUID(int=index + 1)),
        "kind": "transfer",
        "amounts": [{"amount": -500, "currency": "USD"}],
        "counterparty": {"user_id": str(USER_ID), "username": "bob"},
        "reference": "",
        "created_at": "2025-01-01T00:00:00+00:00",
    } | fields


def conversion_json() -> dict[str, Any]:
    amounts = [{"amount": -500, "currency": "USD"}, {"amount": 461, "currency": "EUR"}]
    transaction = transaction_json(kind="conversion", amounts=amounts)
    del transaction["counterparty"]
    return {"transaction": transaction, "rate": "0.9237"}


def rate_json() -> dict[str, Any]:
    return {"base": "USD", "quote": "EUR", "rate": "0.9237", "expires_at": "2025-01-01T01:00:00+00:00"}


def cart_line_json(index: int = 0, quantity: int = 2, **fields: Any) -> dict[str, Any]:
    return {
        "product_id": str(uuid.UUID(int=index + 1)),
        "name": f"Product {index}",
        "quantity": quantity,
        "unit_price": {"amount": 1200, "currency": "USD"},
        "line_total": {"amount": 1200 * quantity, "currency": "USD"},
        "available": True,
    } | fields


def cart_json(*lines: dict[str, Any]) -> dict[str, Any]:
    totals: dict[str, int] = {}
    for line in lines:
        if line["available"]:
            total = line["line_total"]
            totals[total["currency"]] = totals.get(total["currency"], 0) + total["amount"]
    return {"lines": list(lines), "totals": [{"amount": amount, "currency": code} for code, amount in totals.items()]}


def favourite_json(index: int = 0) -> dict[str, Any]:
    return {"product_id": str(uuid.UUID(int=index + 1)), "added_at": "2025-01-01T00:00:00+00:00"}


def deletion_json(state: str = "pending") -> dict[str, Any]:
    return {
        "id": str(DELETION_ID),
        "product_id": str(PRODUCT_ID),
        "state": state,
        "confirmed_by": [],
        "waiting_for": ["customers", "reviews"] if state == "pending" else [],
        "started_at": "2025-01-01T00:00:00+00:00",
        "updated_at": "2025-01-01T00:00:00+00:00",
    }


def review_json(index: int = 0, rating: int = 4) -> dict[str, Any]:
    return {
        "id": str(uuid.UUID(int=index + 100)),
        "product_id": str(PRODUCT_ID),
        "author_id": str(USER_ID),
        "rating": rating,
        "text": "Good",
        "created_at": "2025-01-01T00:00:00+00:00",
        "updated_at": "2025-01-01T00:00:00+00:00",
    }


def order_json(index: int = 0, status: str = "PENDING", **fields: Any) -> dict[str, Any]:
    return {
        "id": str(ORDER_ID if index == 0 else uuid.UUID(int=index + 1)),
        "user_id": str(USER_ID),
        "status": status,
        "reason": "",
        "lines": [
            {
                "product_id": str(PRODUCT_ID),
                "name": "Product 0",
                "quantity": 2,
                "unit_price": {"amount": 1200, "currency": "USD"},
            }
        ],
        "total": {"amount": 2400, "currency": "USD"},
        "created_at": "2025-01-01T00:00:00+00:00",
        "updated_at": "2025-01-01T00:00:00+00:00",
    } | fields


def order_timeline_json(*statuses: str) -> dict[str, Any]:
    return {"items": [{"status": status, "reason": "", "at": "2025-01-01T00:00:00+00:00"} for status in statuses]}


def user_json(role: str = "customer") -> dict[str, Any]:
    return {"id": str(uuid.uuid4()), "username": "ada", "role": role, "created_at": "2025-01-01T00:00:00+00:00"}


def tokens_json(generation: int) -> dict[str, Any]:
    return {
        "access_token": f"access-{generation}",
        "refresh_token": f"refresh-token-{generation:04d}-0123456789",
        "token_type": "Bearer",
        "expires_in": 900,
    }


def bearer(request: httpx.Request) -> str | None:
    value: str | None = request.headers.get("Authorization")
    return value


def json_body(request: httpx.Request) -> Any:
    return json.loads(request.content)


def usd(amount: int) -> dict[str, Any]:
    return {"amount": amount, "currency": "USD"}


def credit_profile_json() -> dict[str, Any]:
    return {
        "user_id": str(USER_ID),
        "annual_income": usd(6_000_000),
        "monthly_debt": usd(50_000),
        "employment_status": "EMPLOYED",
        "birth_date": "1990-05-01",
        "updated_at": "2025-01-01T00:00:00+00:00",
    }


def credit_product_json(**fields: Any) -> dict[str, Any]:
    return {
        "id": str(PRODUCT_ID),
        "code": "CASH",
        "version": 1,
        "purpose": "CONSUMER",
        "min_amount": usd(10_000),
        "max_amount": usd(10_000_000),
        "min_term_months": 3,
        "max_term_months": 60,
        "rate_min": "10.00",
        "rate_max": "20.00",
        "active": True,
    } | fields


def credit_application_json(status: str = "REVIEWING", **fields: Any) -> dict[str, Any]:
    return {
        "id": str(ORDER_ID),
        "user_id": str(USER_ID),
        "amount": usd(1_000_000),
        "term_months": 12,
        "purpose": "CONSUMER",
        "status": status,
        "active": True,
        "revision": 1,
        "created_at": "2025-01-01T00:00:00+00:00",
        "updated_at": "2025-01-01T00:00:00+00:00",
    } | fields


def credit_offer_json(status: str = "PROPOSED") -> dict[str, Any]:
    return {
        "id": str(DELETION_ID),
        "application_id": str(ORDER_ID),
        "product_id": str(PRODUCT_ID),
        "amount": usd(1_000_000),
        "term_months": 12,
        "rate": "11.91",
        "effective_rate": "12.58",
        "monthly_payment": usd(88_807),
        "status": status,
        "expires_at": "2025-01-09T00:00:00+00:00",
        "created_at": "2025-01-01T00:00:00+00:00",
        "rules_version": "2026-12.1",
    }


def loan_json(status: str = "DISBURSING") -> dict[str, Any]:
    return {
        "id": str(ORDER_ID),
        "offer_id": str(DELETION_ID),
        "application_id": str(ORDER_ID),
        "principal": usd(1_000_000),
        "rate": "11.91",
        "term_months": 12,
        "monthly_payment": usd(88_807),
        "status": status,
        "outstanding": usd(1_000_000),
        "created_at": "2025-01-01T00:00:00+00:00",
        "payments": [
            {
                "id": str(PRODUCT_ID),
                "number": 1,
                "due_on": "2025-02-01",
                "principal": usd(78_882),
                "interest": usd(9_925),
                "amount": usd(88_807),
                "status": "PLANNED",
                "attempts": 0,
            }
        ],
    }


def file_reply(content: bytes, media_type: str) -> SyncReply:
    return lambda request: httpx.Response(200, content=content, headers={"Content-Type": media_type})


def credit_report_json() -> dict[str, Any]:
    return {
        "id": str(ORDER_ID),
        "from": "2026-12-01",
        "to": "2026-12-03",
        "currency": "USD",
        "daily": False,
        "created_at": "2026-12-04T00:00:00+00:00",
    }


def credit_statistics_json() -> dict[str, Any]:
    empty = {"count": 0, "average": 0, "minimum": 0, "maximum": 0}
    return {
        "from": "2026-12-01",
        "to": "2026-12-03",
        "currency": "USD",
        "requests": {
            "count": 0,
            "amount": empty,
            "average_term_months": 0,
            "average_age": 0,
            "average_annual_income": 0,
            "by_purpose": [],
            "by_employment": [],
        },
        "results": {
            "count": 0,
            "approved": 0,
            "approval_rate": 0,
            "score": empty,
            "by_risk": [],
            "by_rejection_reason": [],
        },
        "offers": {"count": 0, "amount": empty, "rate": empty, "monthly_payment": empty, "by_product": []},
        "conversion": {"request_to_approval": 0, "approval_to_offer": 0, "request_to_offer": 0},
    }
