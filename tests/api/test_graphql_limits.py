"""What /graphql refuses before running a document, each with its code, and the contract it serves."""

from __future__ import annotations

import hashlib
import json

import httpx
from graphql import build_client_schema, build_schema, get_introspection_query, print_schema

from agora.graphql.agora.server import SDL
from tests.api.graphql import graphql, reasons


async def test_a_query_eleven_levels_deep_is_refused_and_ten_pass(api: httpx.AsyncClient) -> None:
    # products > nodes > reviews > nodes > product > reviews > nodes > product, then two more levels or three
    eight = (
        "products(first: 1) { nodes { reviews(first: 1) { nodes { product {"
        " reviews(first: 1) { nodes { product { %s } } } } } } } }"
    )
    ten = "{ " + eight % "rating { count }" + " }"
    eleven = "{ " + eight % "reviews(first: 1) { nodes { id } }" + " }"

    assert "errors" not in await graphql(api, ten)
    refused = await graphql(api, eleven)

    assert reasons(refused) == ["query_too_deep"]
    assert "data" not in refused or refused["data"] is None


async def test_a_query_costing_more_than_a_thousand_is_refused_with_its_cost(api: httpx.AsyncClient) -> None:
    page = (
        "{ products(first: 50) { nodes { rating { average } reviews(first: 3) { nodes { author { username } } } } } }"
    )
    costly = "{ products(first: 100) { nodes { reviews(first: 20) { nodes { author { username } } } } } }"

    served = await graphql(api, page)
    refused = await graphql(api, costly)

    assert served["extensions"]["cost"] == {"requested": 1 + 50 * (1 + 1 + 1 + 3 * (1 + 1)), "limit": 1000}
    assert reasons(refused) == ["query_too_costly"]
    assert "costs 4201" in refused["errors"][0]["message"]  # 1 + 100 x (1 + 1 + 20 x (1 + 1))


async def test_too_many_aliases_tokens_or_bytes_are_refused(api: httpx.AsyncClient) -> None:
    aliases = "{ " + " ".join(f'p{i}: product(id: "x") {{ id }}' for i in range(31)) + " }"
    tokens = "{ " + " ".join("a" for _ in range(6000)) + " }"
    oversized = "{ __typename } # " + "x" * 20_000

    assert reasons(await graphql(api, aliases)) == ["too_many_aliases"]
    assert reasons(await graphql(api, tokens)) == ["too_many_tokens"]
    assert reasons(await graphql(api, oversized)) == ["query_too_large"]


async def test_the_served_schema_is_the_contract(api: httpx.AsyncClient) -> None:
    served = await api.get("/graphql/schema.graphql")
    introspected = await graphql(api, get_introspection_query(schema_description=True))

    assert served.text == SDL
    contract = print_schema(build_schema(SDL))
    assert print_schema(build_client_schema(introspected["data"])) == contract


async def test_a_persisted_query_runs_by_its_hash_once_the_gateway_has_seen_it(api: httpx.AsyncClient) -> None:
    query = '{ products(first: 1, category: "merch") { nodes { name } } }'
    persisted = {"persistedQuery": {"version": 1, "sha256Hash": hashlib.sha256(query.encode()).hexdigest()}}

    unknown = (await api.post("/graphql", json={"extensions": persisted})).json()
    registered = (await api.post("/graphql", json={"query": query, "extensions": persisted})).json()
    by_hash = (await api.post("/graphql", json={"extensions": persisted})).json()
    by_get = (await api.get("/graphql", params={"extensions": json.dumps(persisted)})).json()
    mismatched = await api.post("/graphql", json={"query": "{ viewer { user { id } } }", "extensions": persisted})

    assert [error["extensions"]["code"] for error in unknown["errors"]] == ["PERSISTED_QUERY_NOT_FOUND"]
    assert by_hash["data"] == registered["data"] == by_get["data"]
    assert len(by_hash["data"]["products"]["nodes"]) == 1
    assert reasons(mismatched.json()) == ["persisted_query_hash_mismatch"]


async def test_a_body_that_is_not_json_is_answered_in_graphqls_shape(api: httpx.AsyncClient) -> None:
    answer = await api.post("/graphql", content=b"{not json", headers={"Content-Type": "application/json"})

    assert answer.status_code == 400
    assert reasons(answer.json()) == ["malformed_request"]
