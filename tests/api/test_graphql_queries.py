"""GraphQL queries through /graphql: the catalogue, one product with its rating and reviews, the viewer, nodes."""

from __future__ import annotations

import httpx

from tests.api.graphql import codes, graphql, reasons
from tests.api.test_orders import merch, place, settled, shopper

PRODUCT_PAGE = """
query Page($id: ID!) {
  product(id: $id) {
    id name price { amount currency } stock status
    rating { average count }
    reviews(first: 3) { nodes { rating text author { username } } pageInfo { hasNextPage } }
  }
}
"""


async def test_the_catalogue_pages_by_cursor_and_each_product_is_fetched_again_by_its_id(
    api: httpx.AsyncClient,
) -> None:
    first = await graphql(
        api,
        """{ products(first: 2, category: "merch") {
             edges { cursor node { id name } } pageInfo { hasNextPage endCursor } } }""",
    )
    assert "errors" not in first, first
    page = first["data"]["products"]
    assert len(page["edges"]) == 2
    assert page["pageInfo"]["hasNextPage"] is True
    after = await graphql(
        api,
        'query($after: String) { products(first: 2, after: $after, category: "merch") { nodes { name } } }',
        {"after": page["pageInfo"]["endCursor"]},
    )
    names = [edge["node"]["name"] for edge in page["edges"]] + [
        node["name"] for node in after["data"]["products"]["nodes"]
    ]
    rest = (await api.get("/v1/products?category=merch&limit=4")).json()["items"]
    assert names == [item["name"] for item in rest]

    product_id = page["edges"][0]["node"]["id"]
    again = await graphql(api, "query($id: ID!) { node(id: $id) { id ... on Product { name } } }", {"id": product_id})
    assert again["data"]["node"] == page["edges"][0]["node"]


async def test_a_product_page_has_its_rating_and_reviews_with_their_authors(api: httpx.AsyncClient) -> None:
    ivy = await shopper(api, "ivy")
    pen = (await merch(api))["pen"]
    order = await place(api, ivy, [{"product_id": pen, "quantity": 1}])
    assert (await settled(api, ivy, order.json()["id"]))["status"] == "PAID"
    for _ in range(200):  # reviews hears of the purchase from orders' events
        written = await api.put(f"/v1/products/{pen}/reviews/mine", json={"rating": 4, "text": "Writes"}, headers=ivy)
        if written.status_code == 200:
            break
    assert written.status_code == 200, written.text
    pen_id = (await graphql(api, '{ products(first: 100, category: "merch") { nodes { id name } } }'))["data"]
    global_id = next(node["id"] for node in pen_id["products"]["nodes"] if node["name"] == "pen")

    answer = await graphql(api, PRODUCT_PAGE, {"id": global_id})

    assert "errors" not in answer, answer
    product = answer["data"]["product"]
    assert product["rating"] == {"average": 4.0, "count": 1}
    assert product["reviews"]["nodes"] == [{"rating": 4, "text": "Writes", "author": {"username": "ivy"}}]
    assert (product["price"]["currency"], product["status"]) == ("COIN", "ACTIVE")
    assert answer["extensions"]["cost"]["requested"] > 0


async def test_the_viewer_is_the_signed_in_user_and_null_without_a_token(api: httpx.AsyncClient) -> None:
    jo = await shopper(api, "joan")
    query = "{ viewer { user { username role } balances { amount currency } cart { lines { quantity } } } }"

    signed_in = await graphql(api, query, headers=jo)
    anonymous = await graphql(api, query)

    assert signed_in["data"]["viewer"] == {
        "user": {"username": "joan", "role": "CUSTOMER"},
        "balances": [{"amount": 1000, "currency": "COIN"}],
        "cart": {"lines": []},
    }
    assert anonymous["data"] == {"viewer": None}


async def test_a_malformed_id_or_token_is_refused_with_its_code(api: httpx.AsyncClient) -> None:
    bad_id = await graphql(api, '{ product(id: "not-an-id") { name } }')
    bad_token = await graphql(api, "{ viewer { user { username } } }", headers={"Authorization": "Bearer nonsense"})
    unknown_field = await graphql(api, "{ nothing }")

    assert (codes(bad_id), reasons(bad_id)) == (["BAD_USER_INPUT"], ["invalid_id"])
    assert (codes(bad_token), reasons(bad_token)) == (["UNAUTHENTICATED"], ["invalid_token"])
    assert (codes(unknown_field), reasons(unknown_field)) == (
        ["GRAPHQL_VALIDATION_FAILED"],
        ["graphql_validation_failed"],
    )


async def test_get_runs_queries_and_never_mutations(api: httpx.AsyncClient) -> None:
    query = await api.get("/graphql", params={"query": "{ products(first: 1) { nodes { name } } }"})
    mutation = await api.get(
        "/graphql", params={"query": 'mutation { logIn(input: {username: "a", password: "b"}) { accessToken } }'}
    )

    assert (query.status_code, len(query.json()["data"]["products"]["nodes"])) == (200, 1)
    assert mutation.status_code == 400
    assert "errors" in mutation.json()
