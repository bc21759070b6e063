"""A participant's side of catalog's product-deletion saga, for every service that keeps product references.

catalog asks each participant to set the product's references aside (`catalog.product_deletion_requested`),
waits for each to confirm, then tells the outcome: completed (forget what was set aside) or cancelled (put it
back). A participant records each deletion it heard of in its `deletion_ledger`, in the same transaction as
the references it moved, so every message is safe to receive twice and in any order: a cancellation heard
before its request leaves a tombstone that makes the late request change nothing.
"""

from __future__ import annotations

import enum
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Protocol, Self

from alembic import op
from sqlalchemy import Column, MetaData, String, Table, Uuid, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from agora.events.v1 import catalog_pb2
from agora.events.v1.envelope_pb2 import Envelope
from services.platform.bus import Message, Subscription
from services.platform.clock import utc_now
from services.platform.db import UtcDateTime, conflict_dialect
from services.platform.events import unwrap
from services.platform.outbox import Outbox


def participant_queue(namespace: str, participant: str) -> str:
    """The queue where `participant` hears catalog's deletion messages."""
    return f"{namespace}.{participant}.product-deletions"


class Outcome(enum.StrEnum):
    SET_ASIDE = "set_aside"  # the references are set aside, catalog was told
    COMPLETED = "completed"  # the product is gone: the references were forgotten
    CANCELLED = "cancelled"  # the product is back: the references were restored (or never moved)


def _ledger_columns() -> list[Any]:
    return [
        Column("deletion_id", Uuid, primary_key=True),
        Column("product_id", Uuid, nullable=False, index=True),
        Column("outcome", String(16), nullable=False),
        Column("updated_at", UtcDateTime, nullable=False),
    ]


metadata = MetaData()
deletion_ledger = Table("deletion_ledger", metadata, *_ledger_columns())


def create_deletion_ledger() -> None:
    """For a participant's alembic migration."""
    op.create_table("deletion_ledger", *_ledger_columns())


class DeletionLedger:
    """The deletions a participant heard of, and how far each went for it."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self._dialect = conflict_dialect(session)

    async def claim(self, deletion_id: uuid.UUID, product_id: uuid.UUID, outcome: Outcome) -> Outcome | None:
        """Records the deletion at `outcome` if it is new and returns None; else returns where it stands.

        A claim of the same deletion in another transaction waits for that one to end, so one claim wins.
        """
        inserted = (
            await self.session.execute(
                self._dialect.insert(deletion_ledger)
                .values(deletion_id=deletion_id, product_id=product_id, outcome=outcome.value, updated_at=utc_now())
                .on_conflict_do_nothing()
                .returning(deletion_ledger.c.deletion_id)
            )
        ).first()
        if inserted is not None:
            return None
        statement = select(deletion_ledger.c.outcome).where(deletion_ledger.c.deletion_id == deletion_id)
        return Outcome((await self.session.execute(statement.with_for_update())).scalar_one())

    async def settle(self, deletion_id: uuid.UUID, outcome: Outcome) -> None:
        await self.session.execute(
            update(deletion_ledger)
            .where(deletion_ledger.c.deletion_id == deletion_id)
            .values(outcome=outcome.value, updated_at=utc_now())
        )

    async def is_being_deleted(self, product_id: uuid.UUID) -> bool:
        """Whether the product's references are set aside or forgotten: new ones must not be made."""
        statement = select(deletion_ledger.c.deletion_id).where(
            deletion_ledger.c.product_id == product_id,
            deletion_ledger.c.outcome.in_([Outcome.SET_ASIDE.value, Outcome.COMPLETED.value]),
        )
        return (await self.session.execute(statement.limit(1))).first() is not None


@dataclass(frozen=True)
class DeletionStep:
    """One message of the saga, as a participant receives it."""

    deletion_id: uuid.UUID
    product_id: uuid.UUID


class ReferenceStore(Protocol):
    """A participant's own references to products, moved inside the participant's open transaction."""

    async def set_aside(self, step: DeletionStep) -> None:
        """Moves every reference to the product out of sight, marked with the deletion."""

    async def restore(self, step: DeletionStep) -> None:
        """Puts back what this deletion set aside."""

    async def forget(self, step: DeletionStep) -> None:
        """Drops what this deletion set aside, and any reference to the product made meanwhile."""


class ParticipantUnitOfWork(Protocol):
    deletions: DeletionLedger
    outbox: Outbox

    @property
    def references(self) -> ReferenceStore: ...

    async def __aenter__(self) -> Self: ...

    async def __aexit__(self, *exc_info: object) -> None: ...

    async def commit(self) -> None: ...


class DeletionParticipant:
    """Runs each of catalog's deletion messages once against the participant's references.

    `confirmation` is the participant's own answer (`<service>.product_references_dropped`): sent again for a
    repeated request, so a confirmation catalog did not get is not lost.
    """

    def __init__(
        self,
        unit_of_work: Callable[[], ParticipantUnitOfWork],
        confirmation: Callable[[DeletionStep], Envelope],
    ) -> None:
        self.unit_of_work = unit_of_work
        self.confirmation = confirmation

    async def set_aside(self, step: DeletionStep) -> None:
        async with self.unit_of_work() as uow:
            standing = await uow.deletions.claim(step.deletion_id, step.product_id, Outcome.SET_ASIDE)
            if standing is None:
                await uow.references.set_aside(step)
            if standing in (None, Outcome.SET_ASIDE):
                await uow.outbox.add(self.confirmation(step))
            await uow.commit()

    async def restore(self, step: DeletionStep) -> None:
        async with self.unit_of_work() as uow:
            # A cancellation before its request leaves the tombstone that makes the request change nothing.
            if await uow.deletions.claim(step.deletion_id, step.product_id, Outcome.CANCELLED) is Outcome.SET_ASIDE:
                await uow.references.restore(step)
                await uow.deletions.settle(step.deletion_id, Outcome.CANCELLED)
            await uow.commit()

    async def forget(self, step: DeletionStep) -> None:
        async with self.unit_of_work() as uow:
            standing = await uow.deletions.claim(step.deletion_id, step.product_id, Outcome.COMPLETED)
            if standing is not Outcome.COMPLETED:
                await uow.references.forget(step)
                await uow.deletions.settle(step.deletion_id, Outcome.COMPLETED)
            await uow.commit()

    def subscription(self, queue: str) -> Subscription:
        """The participant's queue for catalog's three deletion messages."""
        actions: dict[str, Callable[[DeletionStep], Awaitable[None]]] = {
            "catalog.product_deletion_requested": self.set_aside,
            "catalog.product_deletion_completed": self.forget,
            "catalog.product_deletion_cancelled": self.restore,
        }

        async def on_message(message: Message) -> None:
            event = unwrap(message.body)
            payload = event.payload
            assert isinstance(
                payload,
                catalog_pb2.ProductDeletionRequested
                | catalog_pb2.ProductDeletionCompleted
                | catalog_pb2.ProductDeletionCancelled,
            )
            await actions[event.envelope.type](
                DeletionStep(uuid.UUID(payload.deletion_id), uuid.UUID(payload.product_id))
            )

        return Subscription(queue=queue, routing_keys=list(actions), handler=on_message)
