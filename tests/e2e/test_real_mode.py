"""Real mode through the installed SDK: separate processes, PostgreSQL and Redis, nothing in-process."""

from __future__ import annotations

import time
import uuid

import grpc
import httpx
import pytest

from agora.common.v1.money_pb2 import Money
from agora.wallet.v1.wallet_pb2 import TopUpRequest
from agora.wallet.v1.wallet_pb2_grpc import WalletServiceStub
from agora_sdk import Agora, AuthenticationError, PermissionDeniedError
from agora_sdk.models import Price
from services.platform.grpc_client import is_serving, open_channel
from services.platform.settings import SERVICES
from tests.e2e.conftest import ADMIN, RealPlatform
from tests.support import listed_services

pytestmark = pytest.mark.e2e


def test_a_customer_registers_logs_in_and_browses(real_platform: RealPlatform):
    username = f"shopper{uuid.uuid4().hex[:8]}"
    with Agora(base_url=real_platform.base_url) as client:
        user = client.identity.register(username=username, password="shopper-password")
        client.identity.login(username=username, password="shopper-password")
        assert client.identity.me().id == user.id

        page = client.catalog.products.list(category="merch", limit=5)
        assert len(page.items) == 5
        every_merch_item = list(client.catalog.products.iter(category="merch", page_size=3))
        assert len(every_merch_item) == 10
        cup = next(p for p in every_merch_item if p.name == "cup")
        assert client.catalog.products.get(cup.id).price.amount == 20

        with pytest.raises(PermissionDeniedError) as refused:
            client.catalog.products.create(name="Forged", category="merch", price=Price(amount=1, currency="COIN"))
        assert refused.value.code == "admin_required"


def test_an_admin_creates_a_product_that_customers_then_see(real_platform: RealPlatform):
    with Agora(base_url=real_platform.base_url) as admin:
        admin.identity.login(username=ADMIN[0], password=ADMIN[1])
        lamp = admin.catalog.products.create(
            name="Desk lamp", category="home", price=Price(amount=2599, currency="EUR"), stock=7
        )
    with Agora(base_url=real_platform.base_url) as anonymous:
        seen = anonymous.catalog.products.get(lamp.id)
        assert (seen.name, seen.stock, seen.price.currency) == ("Desk lamp", 7, "EUR")
        assert [p.id for p in anonymous.catalog.products.iter(category="home")] == [lamp.id]


def test_a_new_user_finds_a_welcome_notification_carried_by_rabbitmq(real_platform: RealPlatform):
    username = f"newbie{uuid.uuid4().hex[:8]}"
    with Agora(base_url=real_platform.base_url) as client:
        client.identity.register(username=username, password="newbie-password")
        client.identity.login(username=username, password="newbie-password")
        deadline = time.monotonic() + 15
        while not (items := client.notifications.list().items) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert [(n.kind, n.cursor) for n in items] == [("welcome", "1")]


def test_wrong_password_is_refused_with_its_problem(real_platform: RealPlatform):
    with Agora(base_url=real_platform.base_url) as client, pytest.raises(AuthenticationError) as refused:
        client.identity.login(username=ADMIN[0], password="not-the-password")
    assert refused.value.code == "invalid_credentials"


def test_every_process_reports_ready_and_the_gateway_names_no_server_software(real_platform: RealPlatform):
    answer = httpx.get(f"{real_platform.base_url}/readyz")
    ready = answer.json()
    assert "server" not in answer.headers
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert ready == {
        "status": "ready",
        "checks": {**dict.fromkeys(SERVICES, True), "store": True, "bus": True},
    }


async def test_a_process_without_the_service_key_can_neither_call_a_service_nor_map_it(real_platform: RealPlatform):
    """What any local process could once do: mint coins with an unsigned TopUp, or claim to be an admin."""
    username = f"minter{uuid.uuid4().hex[:8]}"
    with Agora(base_url=real_platform.base_url) as client:
        me = client.identity.register(username=username, password="minter-password")
        client.identity.login(username=username, password="minter-password")
        before = [(b.currency, b.amount) for b in client.wallet.balances().items]
        channel = open_channel(real_platform.env["AGORA_WALLET_ADDRESS"])
        try:
            request = TopUpRequest(user_id=str(me.id), amount=Money(amount=1_000_000, currency="COIN"))
            claims = [(), (("x-agora-user-id", str(me.id)), ("x-agora-role", "admin"))]
            for metadata in claims:
                with pytest.raises(grpc.aio.AioRpcError) as refused:
                    await WalletServiceStub(channel).TopUp(request, metadata=metadata, timeout=5)
                assert refused.value.code() is grpc.StatusCode.UNAUTHENTICATED
            with pytest.raises(grpc.aio.AioRpcError) as unmapped:
                await listed_services(channel)
            assert unmapped.value.code() is grpc.StatusCode.UNIMPLEMENTED
            assert await is_serving(channel, timeout=5)  # health still answers probes, which hold no key
        finally:
            await channel.close()
        assert [(b.currency, b.amount) for b in client.wallet.balances().items] == before
