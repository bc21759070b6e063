"""GraphQL over the SDK's runtime: the base classes of `client.graphql`, whose typed methods ariadne-codegen
generates from the operations in sdk/graphql/.

Queries and mutations go through the same request loop as REST calls: the held access token, its refresh when it
has expired, retries with backoff, and one idempotency key per mutation call (or the caller's `idempotency_key=`).
Subscriptions run over graphql-transport-ws at /graphql, signed in by the `connection_init` payload.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import uuid
from collections.abc import AsyncGenerator, AsyncIterator, Mapping
from typing import TYPE_CHECKING, Any

import httpx
import websockets
from pydantic import BaseModel
from pydantic_core import to_jsonable_python

from agora_sdk import _constants as defaults
from agora_sdk._exceptions import APIConnectionError, APITimeoutError, GraphQLError
from agora_sdk._options import RequestOptions
from agora_sdk._stream import websocket_url
from agora_sdk._stream_connection import connect_options

if TYPE_CHECKING:
    from agora_sdk._base_client import AsyncAPIClient, SyncAPIClient

GRAPHQL_PATH = "/graphql"
SUBPROTOCOL = websockets.Subprotocol("graphql-transport-ws")
_COMMENT = re.compile(r"#[^\n]*")
_MUTATION = re.compile(r"(?:^|})\s*mutation\b")


def is_mutation(document: str) -> bool:
    """Whether the document holds a mutation operation (then the call carries an idempotency key)."""
    return _MUTATION.search(_COMMENT.sub("", document)) is not None


def variables_json(variables: Mapping[str, Any] | None) -> dict[str, Any]:
    """The variables as JSON: models by their GraphQL names with the fields set, unset arguments left out."""
    # Imported here: the generated package's own import of this module's classes would otherwise come first.
    from agora_sdk._generated_graphql.base_model import UNSET

    def converted(value: Any) -> Any:
        if isinstance(value, BaseModel):
            return value.model_dump(by_alias=True, exclude_unset=True)
        if isinstance(value, list):
            return [converted(item) for item in value]
        return value

    given = {name: converted(value) for name, value in (variables or {}).items() if value is not UNSET}
    return dict(to_jsonable_python(given))


def request_options(
    query: str,
    operation_name: str | None,
    variables: Mapping[str, Any] | None,
    *,
    idempotency_key: str | None = None,
    headers: Mapping[str, str] | None = None,
) -> RequestOptions:
    body = {"query": query, "operationName": operation_name, "variables": variables_json(variables)}
    return RequestOptions(
        "POST",
        GRAPHQL_PATH,
        json=body,
        headers=dict(headers or {}),
        mutation=is_mutation(query),
        idempotency_key=idempotency_key,
        graphql=True,
    )


def data_of(body: Mapping[str, Any]) -> dict[str, Any]:
    return dict(body["data"])


class GraphQLBase:
    """What the generated blocking client's methods call: `execute` sends a document and returns its `data`."""

    def __init__(self, client: SyncAPIClient) -> None:
        self._client = client

    def execute(
        self,
        query: str,
        operation_name: str | None = None,
        variables: Mapping[str, Any] | None = None,
        *,
        idempotency_key: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> dict[str, Any]:
        """Runs a GraphQL document; raises GraphQLError when the answer carries top-level errors."""
        options = request_options(query, operation_name, variables, idempotency_key=idempotency_key, headers=headers)
        return self._client.request(options, data_of)

    def get_data(self, data: dict[str, Any]) -> dict[str, Any]:
        return data


class AsyncGraphQLBase:
    """What the generated asyncio client's methods call: `execute` for queries and mutations, `execute_ws` for
    subscriptions."""

    def __init__(self, client: AsyncAPIClient) -> None:
        self._client = client

    async def execute(
        self,
        query: str,
        operation_name: str | None = None,
        variables: Mapping[str, Any] | None = None,
        *,
        idempotency_key: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> dict[str, Any]:
        """Runs a GraphQL document; raises GraphQLError when the answer carries top-level errors."""
        options = request_options(query, operation_name, variables, idempotency_key=idempotency_key, headers=headers)
        return await self._client.request(options, data_of)

    def get_data(self, data: dict[str, Any]) -> dict[str, Any]:
        return data

    async def execute_ws(
        self, query: str, operation_name: str | None = None, variables: Mapping[str, Any] | None = None
    ) -> AsyncIterator[dict[str, Any]]:
        """Yields each event's `data` until the server completes the subscription.

        An access token the server finds expired is refreshed once, when a refresh token is held, and the
        subscription started again. A connection that drops raises APIConnectionError; resume a feed by
        subscribing again from the last event (`notification_received(after=last.cursor)`).
        """
        refreshed = False
        while True:
            sent_token = self._client.access_token
            try:
                # Closed with this generator, so a subscription left early leaves no task of its own behind.
                async with contextlib.aclosing(self._subscription(query, operation_name, variables)) as events:
                    async for data in events:
                        yield data
                return
            except GraphQLError as error:
                if error.code != defaults.TOKEN_EXPIRED_CODE or refreshed or not self._client.refresh_token:
                    raise
                refreshed = True
                await self._client._refresh_expired(sent_token)

    async def _subscription(
        self, query: str, operation_name: str | None, variables: Mapping[str, Any] | None
    ) -> AsyncGenerator[dict[str, Any], None]:
        url = websocket_url(self._client.base_url, GRAPHQL_PATH)
        token = self._client.access_token
        init = {"Authorization": f"Bearer {token}"} if token else {}
        subscribe = {"query": query, "operationName": operation_name, "variables": variables_json(variables)}
        operation = uuid.uuid4().hex
        timeout = self._client.timeout.connect
        try:
            # The token goes in connection_init, not the handshake; TLS, proxy and timeout are the client's.
            options = connect_options(self._client, None, {})
            async with websockets.connect(url, subprotocols=[SUBPROTOCOL], **options) as socket:
                await socket.send(json.dumps({"type": "connection_init", "payload": init}))
                await asyncio.wait_for(_acknowledged(socket), timeout)
                await socket.send(json.dumps({"type": "subscribe", "id": operation, "payload": subscribe}))
                async for raw in socket:
                    message: dict[str, Any] = json.loads(raw)
                    kind, payload = message.get("type"), message.get("payload") or {}
                    if kind == "ping":
                        await socket.send(json.dumps({"type": "pong"}))
                    elif kind == "next" and message.get("id") == operation:
                        if payload.get("errors"):
                            raise GraphQLError(payload["errors"], data=payload.get("data"))
                        yield dict(payload["data"])
                    elif kind == "error" and message.get("id") == operation:
                        raise GraphQLError(payload if isinstance(payload, list) else [payload])
                    elif kind == "complete" and message.get("id") == operation:
                        return
        except TimeoutError as error:
            raise APITimeoutError(httpx.Request("GET", url)) from error
        except (OSError, websockets.ConnectionClosed, websockets.InvalidHandshake) as error:
            raise APIConnectionError(
                httpx.Request("GET", url), f"the subscription's connection failed: {error}"
            ) from error


async def _acknowledged(socket: websockets.ClientConnection) -> None:
    async for raw in socket:
        message = json.loads(raw)
        if message.get("type") == "connection_ack":
            return
        if message.get("type") == "ping":
            await socket.send(json.dumps({"type": "pong"}))
