"""The installed SDK's merch client against a live gateway: signing in, buying and sending coins show in `info`; a
wrong password and an unknown item are typed errors with the shop's message; blocking and asyncio alike."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from agora_sdk import Agora, AsyncAgora, AuthenticationError, BadRequestError
from services.embedded import embedded_app
from services.platform.settings import Settings
from tests.conftest import embedded_settings
from tests.support import LiveServer, live_server

PASSWORD = "merch-sdk-password"
T_SHIRT = 80
"""The seeded price of a t-shirt, in coins."""


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return embedded_settings(Path(tmp_path_factory.mktemp("sdk-merch")))


@pytest.fixture(scope="module")
def server(settings: Settings) -> Iterator[LiveServer]:
    with live_server(embedded_app(settings), settings) as running:
        yield running


def fresh_name(prefix: str) -> str:
    return f"{prefix}{uuid.uuid4().hex[:8]}"


def test_buying_and_sending_show_in_both_users_info(server: LiveServer) -> None:
    buyer, friend = Agora(base_url=server.url), Agora(base_url=server.url)
    buyer_name, friend_name = fresh_name("buyer"), fresh_name("friend")
    token = buyer.merch.auth(username=buyer_name, password=PASSWORD).token
    friend.merch.auth(username=friend_name, password=PASSWORD)

    buyer.merch.buy("t-shirt")
    buyer.merch.buy("t-shirt")
    buyer.merch.send_coin(to_user=friend_name, amount=25)

    assert buyer.access_token == token
    assert buyer.merch.info().to_dict() == {
        "coins": 1000 - 2 * T_SHIRT - 25,
        "inventory": [{"type": "t-shirt", "quantity": 2}],
        "coinHistory": {"received": [], "sent": [{"toUser": friend_name, "amount": 25}]},
    }
    assert friend.merch.info().to_dict() == {
        "coins": 1025,
        "inventory": [],
        "coinHistory": {"received": [{"fromUser": buyer_name, "amount": 25}], "sent": []},
    }
    assert buyer.identity.me().username == buyer_name  # the merch token is the user's access token


def test_a_wrong_password_is_an_authentication_error(server: LiveServer) -> None:
    client = Agora(base_url=server.url)
    name = fresh_name("user")
    client.merch.auth(username=name, password=PASSWORD)

    with pytest.raises(AuthenticationError) as caught:
        Agora(base_url=server.url).merch.auth(username=name, password="not-the-password")

    assert caught.value.status_code == 401
    assert caught.value.detail
    assert caught.value.body == {"errors": caught.value.detail}


def test_an_unknown_item_is_a_bad_request_and_buys_nothing(server: LiveServer) -> None:
    client = Agora(base_url=server.url)
    client.merch.auth(username=fresh_name("user"), password=PASSWORD)

    with pytest.raises(BadRequestError, match="spaceship") as caught:
        client.merch.buy("spaceship")

    assert caught.value.detail == "there is no item 'spaceship'"
    assert client.merch.info().to_dict()["coins"] == 1000


def test_buying_beyond_the_coins_is_a_bad_request(server: LiveServer) -> None:
    client = Agora(base_url=server.url)
    client.merch.auth(username=fresh_name("user"), password=PASSWORD)
    client.merch.buy("pink-hoody")
    client.merch.buy("pink-hoody")

    with pytest.raises(BadRequestError):
        client.merch.buy("pink-hoody")

    assert client.merch.info().to_dict()["coins"] == 0


async def test_the_async_client_buys_sends_and_reads(server: LiveServer) -> None:
    friend_name = fresh_name("friend")
    async with (
        AsyncAgora(base_url=server.url) as friend,
        AsyncAgora(base_url=server.url) as buyer,
        AsyncAgora(base_url=server.url) as stranger,
    ):
        await friend.merch.auth(username=friend_name, password=PASSWORD)
        await buyer.merch.auth(username=fresh_name("buyer"), password=PASSWORD)

        await buyer.merch.buy("t-shirt")
        await buyer.merch.send_coin(to_user=friend_name, amount=5)
        with pytest.raises(BadRequestError):
            await buyer.merch.buy("spaceship")
        with pytest.raises(AuthenticationError):
            await stranger.merch.auth(username=friend_name, password="wrong-password")
        info = (await buyer.merch.info()).to_dict()
        friend_coins = (await friend.merch.info()).to_dict()["coins"]

    assert (info["coins"], info["inventory"]) == (1000 - T_SHIRT - 5, [{"type": "t-shirt", "quantity": 1}])
    assert info["coinHistory"]["sent"] == [{"toUser": friend_name, "amount": 5}]
    assert friend_coins == 1005
