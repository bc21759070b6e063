"""Handling the deliveries that arrive together in one go, with each message's ack and retry left to the bus.

A consumer whose effect is a database transaction spends most of its time on round trips and commits; doing the
messages in flight together (one transaction, multi-row statements) multiplies its throughput. The bus still
sees one handler call per message, so acknowledgements, retries and dead letters stay exactly as they are.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence

from services.platform.bus import Handler, Message

log = logging.getLogger(__name__)

BatchHandler = Callable[[Sequence[Message]], Awaitable[None]]
"""Handles several messages at once, all or nothing (one transaction); raising fails every one of them."""


def batched(handle_batch: BatchHandler, max_batch: int = 128) -> Handler:
    """A per-message handler that groups the deliveries waiting at the same moment into calls of `handle_batch`.

    One group is handled at a time; deliveries arriving meanwhile form the next. When a group fails, each of its
    messages is handled again alone, so one poison message fails (and is retried, then dead-lettered) by itself.
    Redeliveries are handled alone from the start. Give the subscription a prefetch of about twice `max_batch`.
    """
    if max_batch < 1:
        raise ValueError(f"max_batch must be at least 1, not {max_batch}")
    return _Batcher(handle_batch, max_batch).handle


class _Batcher:
    def __init__(self, handle_batch: BatchHandler, max_batch: int) -> None:
        self._handle_batch = handle_batch
        self._max_batch = max_batch
        self._waiting: list[tuple[Message, asyncio.Future[bool]]] = []
        self._flusher: asyncio.Task[None] | None = None

    async def handle(self, message: Message) -> None:
        if message.attempt > 1:
            await self._handle_batch([message])
            return
        handled_in_batch = asyncio.get_running_loop().create_future()
        self._waiting.append((message, handled_in_batch))
        if self._flusher is None or self._flusher.done():
            self._flusher = asyncio.create_task(self._flush(), name="batch-flusher")
        if not await handled_in_batch:
            await self._handle_batch([message])

    async def _flush(self) -> None:
        try:
            await self._flush_waiting()
        except asyncio.CancelledError:
            waiting, self._waiting = self._waiting, []
            for _, handled_in_batch in waiting:
                handled_in_batch.set_result(False)
            raise

    async def _flush_waiting(self) -> None:
        while self._waiting:
            # One turn of the loop lets the deliveries that have already arrived join this batch.
            await asyncio.sleep(0)
            batch, self._waiting = self._waiting[: self._max_batch], self._waiting[self._max_batch :]
            handled = False
            try:
                await self._handle_batch([message for message, _ in batch])
                handled = True
            except Exception as error:
                log.warning("A batch of %d messages failed (%r); handling each alone", len(batch), error)
            finally:
                # Also on cancellation: no delivery is left waiting; unhandled ones fall back to handling alone.
                for _, handled_in_batch in batch:
                    if not handled_in_batch.done():
                        handled_in_batch.set_result(handled)
