"""GraphQL mutations: a payload with the result, or userErrors with the REST codes and nothing changed."""

from __future__ import annotations

import httpx

from tests.api.graphql import graphql, reasons
from tests.api.test_orders import coins, merch, settled, shopper

TRANSFER = """
mutation Send($input: TransferInput!) {
  transfer(input: $input) {
    transaction { kind amounts { amount currency } counterparty { username } }
    userErrors { field code message }
  }
}
"""


def transfer_input(to: str, amount: int, currency: str = "COIN") -> dict[str, object]:
    return {"input": {"toUsername": to, "amount": {"amount": amount, "currency": currency}}}


async def test_a_transfer_moves_money_and_a_refused_one_changes_nothing(api: httpx.AsyncClient) -> None:
    kim, lee = await shopper(api, "kim"), await shopper(api, "lee")

    sent = await graphql(api, TRANSFER, transfer_input("lee", 150), kim)
    too_much = await graphql(api, TRANSFER, transfer_input("lee", 10**15), kim)
    nobody = await graphql(api, TRANSFER, transfer_input("nobody-here", 1), kim)
    zero = await graphql(api, TRANSFER, transfer_input("lee", 0), kim)

    assert sent["data"]["transfer"] == {
        "transaction": {
            "kind": "transfer",
            "amounts": [{"amount": -150, "currency": "COIN"}],
            "counterparty": {"username": "lee"},
        },
        "userErrors": [],
    }
    assert too_much["data"]["transfer"]["transaction"] is None
    assert [e["code"] for e in too_much["data"]["transfer"]["userErrors"]] == ["insufficient_funds"]
    assert [e["code"] for e in nobody["data"]["transfer"]["userErrors"]] == ["user_not_found"]
    assert zero["data"]["transfer"]["userErrors"][0]["field"] == ["input", "amount", "amount"]
    assert (await coins(api, kim), await coins(api, lee)) == (850, 1150)


async def test_a_retried_transfer_under_the_same_idempotency_key_is_applied_once(api: httpx.AsyncClient) -> None:
    max_, ned = await shopper(api, "maxi"), await shopper(api, "ned1")
    keyed = max_ | {"Idempotency-Key": "rent-2026-12"}

    first = await graphql(api, TRANSFER, transfer_input("ned1", 40), keyed)
    again = await graphql(api, TRANSFER, transfer_input("ned1", 40), keyed)

    assert first["data"]["transfer"]["userErrors"] == []
    assert again["data"]["transfer"] == first["data"]["transfer"]
    assert await coins(api, ned) == 1040


async def test_an_order_placed_by_mutation_is_paid_and_its_timeline_read_back(api: httpx.AsyncClient) -> None:
    ola = await shopper(api, "ola1")
    pens = await graphql(api, '{ products(first: 100, category: "merch") { nodes { id name } } }')
    pen = next(node["id"] for node in pens["data"]["products"]["nodes"] if node["name"] == "pen")

    placed = await graphql(
        api,
        "mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { order { id status } userErrors { code } } }",
        {"input": {"items": [{"productId": pen, "quantity": 1}]}},
        ola,
    )
    order = placed["data"]["placeOrder"]["order"]
    rest_id = (await api.get("/v1/orders", headers=ola)).json()["items"][0]["id"]
    await settled(api, ola, rest_id)
    read = await graphql(
        api,
        "query($id: ID!) { node(id: $id) { ... on Order { status timeline { status } } } }",
        {"id": order["id"]},
        ola,
    )

    assert order["status"] == "PENDING"
    assert read["data"]["node"]["status"] == "PAID"
    assert [entry["status"] for entry in read["data"]["node"]["timeline"]] == ["PENDING", "RESERVED", "PAID"]
    assert (
        await coins(api, ola)
        == 1000 - (await api.get(f"/v1/products/{(await merch(api))['pen']}")).json()["price"]["amount"]
    )


async def test_a_mutation_without_a_token_or_past_the_admins_line_is_refused(
    api: httpx.AsyncClient, admin: dict[str, str]
) -> None:
    pia = await shopper(api, "pia1")
    create = """mutation {
      createProduct(input: {name: "Lamp", category: "home", price: {amount: 2599, currency: "EUR"}}) {
        product { name } userErrors { code } } }"""

    anonymous = await graphql(api, create)
    customer = await graphql(api, create, headers=pia)
    by_admin = await graphql(api, create, headers=admin)

    assert reasons(anonymous) == ["missing_token"]
    assert customer["data"]["createProduct"] == {"product": None, "userErrors": [{"code": "admin_required"}]}
    assert by_admin["data"]["createProduct"] == {"product": {"name": "Lamp"}, "userErrors": []}


async def test_a_wrong_password_is_a_user_error_and_the_right_one_signs_in(api: httpx.AsyncClient) -> None:
    await shopper(api, "quin")
    log_in = (
        'mutation($p: String!) { logIn(input: {username: "quin", password: $p}) { accessToken userErrors { code } } }'
    )

    wrong = await graphql(api, log_in, {"p": "not-the-password"})
    right = await graphql(api, log_in, {"p": "shopper-password"})

    assert wrong["data"]["logIn"] == {"accessToken": None, "userErrors": [{"code": "invalid_credentials"}]}
    assert right["data"]["logIn"]["accessToken"]
    viewer = await graphql(
        api,
        "{ viewer { user { username } } }",
        headers={"Authorization": f"Bearer {right['data']['logIn']['accessToken']}"},
    )
    assert viewer["data"]["viewer"]["user"]["username"] == "quin"


CREATE_PRODUCT = """mutation($name: String!) {
  createProduct(input: {name: $name, category: "lamps", price: {amount: 2599, currency: "EUR"}}) {
    product { id name } userErrors { code } } }"""


async def lamps(api: httpx.AsyncClient) -> list[str]:
    return [
        product["name"] for product in (await api.get("/v1/products", params={"category": "lamps"})).json()["items"]
    ]


async def test_a_mutation_document_retried_under_its_key_is_answered_once_and_replayed(
    api: httpx.AsyncClient, admin: dict[str, str]
) -> None:
    keyed = admin | {"Idempotency-Key": "lamp-launch-1"}
    body = {"query": CREATE_PRODUCT, "variables": {"name": "Desk lamp"}}

    first = await api.post("/graphql", json=body, headers=keyed)
    again = await api.post("/graphql", json=body, headers=keyed)
    other_key = await api.post("/graphql", json=body, headers=admin | {"Idempotency-Key": "lamp-launch-2"})

    assert first.json()["data"]["createProduct"]["userErrors"] == []
    assert again.json() == first.json()
    assert again.headers["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first.headers
    assert (
        other_key.json()["data"]["createProduct"]["product"]["id"]
        != first.json()["data"]["createProduct"]["product"]["id"]
    )
    assert await lamps(api) == ["Desk lamp", "Desk lamp"]


async def test_a_key_reused_for_another_document_is_refused_and_changes_nothing(
    api: httpx.AsyncClient, admin: dict[str, str]
) -> None:
    keyed = admin | {"Idempotency-Key": "lamp-launch-3"}

    await api.post("/graphql", json={"query": CREATE_PRODUCT, "variables": {"name": "Floor lamp"}}, headers=keyed)
    reused = await api.post(
        "/graphql", json={"query": CREATE_PRODUCT, "variables": {"name": "Wall lamp"}}, headers=keyed
    )

    assert reused.status_code == 409
    assert reasons(reused.json()) == ["idempotency_key_reused"]
    assert await lamps(api) == ["Floor lamp"]


async def test_a_query_under_a_key_is_not_kept(api: httpx.AsyncClient, admin: dict[str, str]) -> None:
    keyed = admin | {"Idempotency-Key": "lamp-query"}
    query = {"query": '{ products(first: 5, category: "lamps") { nodes { name } } }'}

    before = await api.post("/graphql", json=query, headers=keyed)
    await api.post("/graphql", json={"query": CREATE_PRODUCT, "variables": {"name": "Reading lamp"}}, headers=admin)
    after = await api.post("/graphql", json=query, headers=keyed)

    assert before.json()["data"]["products"]["nodes"] == []
    assert after.json()["data"]["products"]["nodes"] == [{"name": "Reading lamp"}]
