"""Idempotency keys: a request posts once per key, its retries get the first answer, another request is refused."""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Awaitable, Callable

from services.platform.clock import Clock
from services.platform.errors import AgoraError, InvalidArgument
from services.wallet.adapters.repository import KeyClaim
from services.wallet.adapters.unit_of_work import WalletUnitOfWork
from services.wallet.domain import AlreadyRefused, IdempotencyKeyReused, Transaction
from services.wallet.transaction_runner import TransactionRunner

MAX_KEY_LENGTH = 255

Post = Callable[[WalletUnitOfWork], Awaitable[Transaction]]
Refusals = tuple[type[AgoraError], ...]


def fingerprint(*request: object) -> str:
    """What a request asked for, so a reused idempotency key with a different request is told apart."""
    return hashlib.sha256(json.dumps([str(part) for part in request]).encode()).hexdigest()


def checked_key(key: str) -> str:
    if len(key) > MAX_KEY_LENGTH:
        raise InvalidArgument(f"an idempotency key has at most {MAX_KEY_LENGTH} characters")
    return key


class IdempotencyKeys:
    def __init__(self, transactions: TransactionRunner, clock: Clock) -> None:
        self.transactions = transactions
        self.clock = clock

    async def post_once(self, actor: uuid.UUID, key: str, request: str, post: Post) -> Transaction:
        """Posts once per idempotency key, in a transaction of its own."""
        checked_key(key)
        return await self.transactions.run(lambda uow: self.post_once_in(uow, actor, key, request, post))

    async def post_once_in(
        self, uow: WalletUnitOfWork, actor: uuid.UUID, key: str, request: str, post: Post, *, final: Refusals = ()
    ) -> Transaction:
        """Posts once per idempotency key: the key is taken in the ledger transaction itself (a primary key),
        so a retry returns the first result, and the key with another request is refused.

        A refusal of a type in `final` is recorded on the key as it propagates (for the caller to commit): the
        request is refused for good, and its retries are refused alike even once they could succeed.
        """
        if key:
            claim = await uow.ledger.claim_key(actor, key, request, self.clock())
            if claim is not None:
                return await _replayed(uow, claim, request)
        try:
            transaction = await post(uow)
        except final as refusal:
            if key:
                await uow.ledger.refuse_key(actor, key, refusal.code)
            raise
        if key:
            await uow.ledger.settle_key(actor, key, transaction.id)
        return transaction


async def _replayed(uow: WalletUnitOfWork, claim: KeyClaim, request: str) -> Transaction:
    """The first answer to a retried idempotency key: its transaction, or its refusal again.

    A key refused for good refuses whatever is asked with it: a voided order's key refuses the order's charge.
    """
    if claim.refusal is not None:
        raise AlreadyRefused(claim.refusal)
    if claim.fingerprint != request or claim.transaction_id is None:
        raise IdempotencyKeyReused("this Idempotency-Key was used for a different request")
    return await uow.ledger.replay(claim.transaction_id)
