"""Admission: how many orders pass between two reads of the in-flight count, and when it is read again."""

from __future__ import annotations

import asyncio

import pytest

from services.orders.admission import Admission, OrdersBusy


class Counter:
    """The database's count of orders in flight, with how often it was read."""

    def __init__(self, in_flight: int) -> None:
        self.in_flight = in_flight
        self.reads = 0

    async def __call__(self) -> int:
        self.reads += 1
        await asyncio.sleep(0)  # let concurrent callers pile up behind the read
        return self.in_flight


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


async def outcomes(admission: Admission, attempts: int) -> list[bool]:
    async def one() -> bool:
        try:
            await admission.admit()
        except OrdersBusy:
            return False
        return True

    return list(await asyncio.gather(*(one() for _ in range(attempts))))


async def test_a_burst_between_two_reads_admits_up_to_the_limit_and_reads_once() -> None:
    counter = Counter(in_flight=2)
    admission = Admission(counter, limit=5, refresh_seconds=0.1, clock=Clock())

    admitted = await outcomes(admission, 10)

    assert admitted.count(True) == 3
    assert counter.reads == 1


async def test_the_count_is_read_again_once_it_is_stale() -> None:
    counter, clock = Counter(in_flight=5), Clock()
    admission = Admission(counter, limit=5, refresh_seconds=0.1, clock=clock)
    with pytest.raises(OrdersBusy):
        await admission.admit()

    counter.in_flight = 4  # an order ended
    clock.now = 0.05
    with pytest.raises(OrdersBusy):
        await admission.admit()
    clock.now = 0.1
    await admission.admit()

    assert counter.reads == 2


async def test_a_limit_of_zero_admits_everything_without_counting() -> None:
    counter = Counter(in_flight=10_000)
    admission = Admission(counter, limit=0)

    assert await outcomes(admission, 50) == [True] * 50
    assert counter.reads == 0


async def test_an_order_released_between_two_reads_frees_its_place_at_once() -> None:
    counter = Counter(in_flight=0)
    admission = Admission(counter, limit=1, refresh_seconds=60, clock=Clock())
    await admission.admit()
    with pytest.raises(OrdersBusy):
        await admission.admit()

    admission.release()  # the order was paid, cancelled or never placed
    await admission.admit()

    assert counter.reads == 1


async def test_a_release_seen_for_another_process_order_never_counts_below_zero() -> None:
    counter = Counter(in_flight=1)
    admission = Admission(counter, limit=1, refresh_seconds=60, clock=Clock())
    with pytest.raises(OrdersBusy):
        await admission.admit()

    admission.release()  # the order another process admitted ended here
    admission.release()  # and another one: there is nothing more to take off
    await admission.admit()
    with pytest.raises(OrdersBusy):
        await admission.admit()
