"""Each merch shop operation's request (contracts/rest/merch.yaml), built by its generated request builder."""

# None of these requests carries an Idempotency-Key: the gateway's /api routes keep no keys (the merch contract
# knows none), so a key would promise a replay that never happens. `mutation=False` says so to the runtime, which
# then also never retries a 500 as a keyed call.

from __future__ import annotations

import dataclasses

from agora_sdk._exceptions import InvalidArgumentError
from agora_sdk._generated_merch.api.merch import auth, buy_item, get_info, send_coin
from agora_sdk._generated_merch.models import AuthRequest, SendCoinRequest
from agora_sdk._options import RequestOptions


def auth_request(*, username: str, password: str) -> RequestOptions:
    body = AuthRequest(username=username, password=password)
    return _unkeyed(RequestOptions.from_generated(auth._get_kwargs(body=body), refresh_on_expiry=False))


def get_info_request() -> RequestOptions:
    return RequestOptions.from_generated(get_info._get_kwargs())


def send_coin_request(*, to_user: str, amount: int) -> RequestOptions:
    body = SendCoinRequest(to_user=to_user, amount=amount)
    return _unkeyed(RequestOptions.from_generated(send_coin._get_kwargs(body=body)))


def buy_request(item: str) -> RequestOptions:
    if not item:
        raise InvalidArgumentError("an item is its name, for example 't-shirt': it cannot be empty")
    # A GET, so never keyed; it still buys: the resource sends it without retries.
    return RequestOptions.from_generated(buy_item._get_kwargs(item))


def _unkeyed(options: RequestOptions) -> RequestOptions:
    return dataclasses.replace(options, mutation=False)
