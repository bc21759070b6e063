"""Idempotency-Key handling for every mutating route: the first result of a key is replayed to its retries."""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Awaitable, Callable

from fastapi import Request, Response

from services.platform.cache import KeyValue
from services.platform.context import Principal
from services.platform.rest import ProblemError

PENDING = b"pending"
REPLAY_HEADER = "Idempotent-Replayed"
# How long a request may hold its key before a retry may take over (the call itself is bounded by deadlines).
PENDING_SECONDS = 60


def fingerprint(request: Request, body: bytes) -> str:
    digest = hashlib.sha256()
    for part in (request.method.encode(), request.url.path.encode(), request.url.query.encode(), body):
        digest.update(len(part).to_bytes(8, "big") + part)
    return digest.hexdigest()


def replayable(response: Response) -> bool:
    """A response worth replaying: not a server failure, and not one no cache may keep (tokens)."""
    return response.status_code < 500 and "no-store" not in response.headers.get("cache-control", "")


class Idempotency:
    def __init__(self, store: KeyValue, ttl_seconds: int) -> None:
        self.store = store
        self.ttl_seconds = ttl_seconds

    async def run(
        self,
        request: Request,
        call: Callable[[], Awaitable[Response]],
        *,
        operation_id: str,
        key: str | None,
        principal: Principal | None,
        kept: Callable[[Response], bool] = replayable,
    ) -> Response:
        """Runs the call once per operation, caller and key; `kept` says whether its response is replayed to
        retries (by default, unless the server failed or the response carries tokens: then a retry runs the
        call again). Anonymous callers share no keys: theirs are scoped to the request itself, so one
        anonymous caller can neither read another's answer nor learn that a key was used."""
        if key is None:
            return await call()
        request_fingerprint = fingerprint(request, await request.body())
        caller = principal.user_id if principal else f"anonymous:{request_fingerprint}"
        slot = f"idempotency:{operation_id}:{caller}:{key}"
        marker = json.dumps({"state": "pending", "fingerprint": request_fingerprint}).encode()
        if not await self.store.set(slot, marker, PENDING_SECONDS, only_if_absent=True):
            return await self._replay(slot, request_fingerprint)
        try:
            response = await call()
        except BaseException:
            await self.store.delete(slot)
            raise
        if not kept(response):
            await self.store.delete(slot)
            return response
        await self.store.set(slot, _record(request_fingerprint, response), self.ttl_seconds)
        return response

    async def _replay(self, slot: str, request_fingerprint: str) -> Response:
        stored = await self.store.get(slot)
        if stored is None:
            raise ProblemError(409, "idempotency_key_in_progress", "a request with this key just finished; retry")
        record = json.loads(stored)
        if record["fingerprint"] != request_fingerprint:
            raise ProblemError(409, "idempotency_key_reused", "this Idempotency-Key was used for a different request")
        if record["state"] == "pending":
            raise ProblemError(409, "idempotency_key_in_progress", "a request with this key is still in progress")
        return Response(
            base64.b64decode(record["body"]),
            status_code=record["status"],
            media_type=record["media_type"],
            headers={REPLAY_HEADER: "true"},
        )


def _record(request_fingerprint: str, response: Response) -> bytes:
    return json.dumps(
        {
            "state": "done",
            "fingerprint": request_fingerprint,
            "status": response.status_code,
            "media_type": response.media_type,
            "body": base64.b64encode(bytes(response.body)).decode(),
        }
    ).encode()
