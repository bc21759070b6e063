"""The operator knows every queue the services subscribe, without running them."""

from __future__ import annotations

from pathlib import Path

from services.operator.broker import known_queue, known_queues
from services.platform.bus import Subscription
from services.platform.bus.memory import MemoryBus
from services.platform.settings import SERVICES, Settings
from services.registry import running_services


class RecordingBus(MemoryBus):
    def __init__(self) -> None:
        super().__init__()
        self.queues: list[str] = []

    async def subscribe(self, subscription: Subscription) -> None:
        self.queues.append(subscription.queue)
        await super().subscribe(subscription)


async def test_the_known_queues_are_the_ones_the_running_services_subscribe(data_dir: Path):
    settings = Settings(event_namespace="ops")
    bus = RecordingBus()

    async with running_services(SERVICES, settings, bus):
        subscribed = list(bus.queues)

    assert sorted(known_queues(settings)) == sorted(subscribed)
    assert all(queue.startswith("ops.") for queue in subscribed)


def test_a_queue_is_known_by_its_name_or_its_dead_letters_name(data_dir: Path):
    settings = Settings()

    assert known_queue(settings, "agora.orders.saga") == "agora.orders.saga"
    assert known_queue(settings, "agora.orders.saga.dead") == "agora.orders.saga"
