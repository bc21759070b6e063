"""/graphql on the gateway: the contract's schema with every resolver bound, the request's caller and key, the
limits, a parse cache, and subscriptions over graphql-transport-ws."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import re
import time
from typing import Any

from ariadne import make_executable_schema
from ariadne.asgi import GraphQL
from ariadne.asgi.handlers import GraphQLHTTPHandler, GraphQLTransportWSHandler
from ariadne.exceptions import HttpBadRequestError, HttpError
from ariadne.explorer import Explorer
from ariadne.types import GraphQLResult
from graphql import (
    DocumentNode,
    GraphQLError,
    GraphQLSchema,
)
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.websockets import WebSocket

from agora.graphql.agora.server import SDL
from services.gateway.auth import TokenVerifier, bearer_token
from services.gateway.graphql.access import chosen_operation, require_token_for
from services.gateway.graphql.codes import (
    BAD_USER_INPUT,
    FORBIDDEN,
    GRAPHQL_PARSE_FAILED,
    GRAPHQL_VALIDATION_FAILED,
    INTERNAL_SERVER_ERROR,
    NOT_FOUND,
    UNAUTHENTICATED,
    refusal,
)
from services.gateway.graphql.context import Apis, Context
from services.gateway.graphql.documents import ParsedDocuments
from services.gateway.graphql.enums import ENUMS
from services.gateway.graphql.errors import request_error
from services.gateway.graphql.explorer import OfflineGraphiQL
from services.gateway.graphql.limits import Limits, measured_cost
from services.gateway.graphql.live import Live
from services.gateway.graphql.persisted import PersistedQueries
from services.gateway.graphql.replay import answered_once, replays_mutations
from services.gateway.graphql.root import bindables
from services.gateway.idempotency import Idempotency
from services.gateway.rate_limits import RateLimits
from services.gateway.websocket import CLOSE_TOO_MANY_CONNECTIONS, CLOSE_UNAUTHENTICATED, OpenSockets
from services.platform.context import Principal
from services.platform.rest import ProblemError

log = logging.getLogger(__name__)
CLIENT_ERRORS = {BAD_USER_INPUT, GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED, UNAUTHENTICATED, FORBIDDEN, NOT_FOUND}


def not_a_refusal(record: logging.LogRecord) -> bool:
    """ariadne logs every error of a request; a refusal of the client's input is an answer, not a fault."""
    error = record.msg
    if not isinstance(error, GraphQLError):
        return True
    code = (error.extensions or {}).get("code")
    return not (code in CLIENT_ERRORS or (code is None and error.path is None))  # no path: parsing or validation


request_errors = logging.getLogger(f"{__name__}.errors")
request_errors.addFilter(not_a_refusal)

IDEMPOTENCY_KEY = re.compile(r"[A-Za-z0-9._:-]{1,128}")


def executable_schema(live: Live) -> GraphQLSchema:
    """The contract's schema with every resolver bound; a resolver the generated `bind` lacks stops the start."""
    return make_executable_schema(SDL, *bindables(live), *ENUMS, convert_names_case=True)


def format_error(error: GraphQLError, debug: bool = False) -> dict[str, Any]:
    """Every error has `extensions.code` (and `reason`); an unexpected failure says nothing of its cause."""
    original = error.original_error
    unexpected = original is not None and not isinstance(original, GraphQLError | ValueError | TypeError)
    if unexpected or (error.path is not None and not (error.extensions or {}).get("code")):
        log.error("resolver failed: %s", error.message, exc_info=original)
        extensions = {"code": INTERNAL_SERVER_ERROR, "reason": "internal_error"}
        error = GraphQLError("the gateway failed unexpectedly", error.nodes, path=error.path, extensions=extensions)
    formatted: dict[str, Any] = dict(error.formatted)
    extensions = dict(formatted.get("extensions") or {})
    extensions.setdefault("code", GRAPHQL_VALIDATION_FAILED)
    extensions.setdefault("reason", "graphql_validation_failed")
    formatted["extensions"] = extensions
    return formatted


class ContextMaker:
    """Builds each request's Context: its caller (from `Authorization`, or the websocket's `connection_init`)."""

    def __init__(self, apis: Apis, verifier: TokenVerifier, rate_limits: RateLimits, open_sockets: OpenSockets) -> None:
        self.apis = apis
        self.verifier = verifier
        self.rate_limits = rate_limits
        self.open_sockets = open_sockets

    async def caller(self, authorization: str | None) -> Principal | None:
        """Who an `Authorization` value proves the caller is (None without one)."""
        if not authorization:
            return None
        try:
            return await self.verifier.from_header(authorization)
        except ProblemError as problem:
            raise request_error(problem) from None

    async def principal(self, authorization: str | None) -> Principal | None:
        """The caller of an HTTP request, counted against their request budget."""
        principal = await self.caller(authorization)
        if principal is not None:
            try:
                await self.rate_limits.request_by(principal)
            except ProblemError as problem:
                raise request_error(problem) from None
        return principal

    async def __call__(self, request: Request | WebSocket, data: Any) -> Context:
        if isinstance(request, WebSocket):
            # Raised from the query parser, where ariadne answers each operation with its error.
            return Context(
                self.apis, request.scope.get("agora.principal"), refused_token=request.scope.get("agora.refusal")
            )
        key = request.headers.get("idempotency-key")
        if key is not None and not IDEMPOTENCY_KEY.fullmatch(key):
            raise refusal("an Idempotency-Key is 1 to 128 of A-Z a-z 0-9 . _ : -", "invalid_idempotency_key")
        return Context(self.apis, await self.principal(request.headers.get("authorization")), key)

    async def on_connect(self, websocket: WebSocket, payload: Any) -> None:
        """Keeps the connection's caller, until its token expires (then the connection is closed with 4401
        `token_expired`); a bad token refuses each subscription, with its code. A user past their bound of open
        sockets (shared with /v1/ws) is closed with 4429."""
        authorization = payload.get("Authorization") if isinstance(payload, dict) else None
        if not isinstance(authorization, str) or not authorization:
            return
        try:
            verified = await self.verifier.verified(bearer_token(authorization))
        except ProblemError as problem:
            websocket.scope["agora.refusal"] = request_error(problem)
            return
        user_id = verified.principal.user_id
        if not self.open_sockets.open(user_id):
            await websocket.close(CLOSE_TOO_MANY_CONNECTIONS, f"at most {self.open_sockets.limit} sockets per user")
            return
        websocket.scope["agora.socket_of"] = user_id
        websocket.scope["agora.principal"] = verified.principal
        websocket.scope["agora.expiry"] = asyncio.create_task(close_at_expiry(websocket, verified.expires_at))

    async def on_disconnect(self, websocket: WebSocket) -> None:
        expiry = websocket.scope.get("agora.expiry")
        if expiry is not None:
            expiry.cancel()
        user_id = websocket.scope.pop("agora.socket_of", None)
        if user_id is not None:
            self.open_sockets.close(user_id)


async def close_at_expiry(websocket: WebSocket, expires_at: float) -> None:
    await asyncio.sleep(max(0.0, expires_at - time.time()))
    with contextlib.suppress(Exception):  # the client may be leaving at that very moment
        await websocket.close(code=CLOSE_UNAUTHENTICATED, reason="token_expired")


class HttpHandler(GraphQLHTTPHandler):
    """Persisted queries, a JSON answer for a malformed request, the requested cost in each answer, and one
    answer per Idempotency-Key for a document of mutations."""

    def __init__(
        self, limits: Limits, documents: ParsedDocuments, contexts: ContextMaker, idempotency: Idempotency
    ) -> None:
        super().__init__()
        self.limits = limits
        self.documents = documents
        self.contexts = contexts
        self.idempotency = idempotency
        self.persisted = PersistedQueries()

    async def graphql_http_server(self, request: Request) -> Response:
        try:
            data = self.persisted.resolved(await self.extract_data_from_request(request))
        except HttpError as error:
            refused = refusal(error.message or "the request is not a GraphQL request", "malformed_request")
            return JSONResponse({"errors": [format_error(refused)]}, status_code=400)
        except GraphQLError as error:
            return JSONResponse({"errors": [format_error(error)]}, status_code=200)
        key = request.headers.get("idempotency-key")
        if key is not None and IDEMPOTENCY_KEY.fullmatch(key) and replays_mutations(self.documents, data):
            try:
                principal = await self.contexts.caller(request.headers.get("authorization"))
            except GraphQLError:
                return (await self.answer(request, data))[0]  # refused, with its code, and nothing to keep
            return await answered_once(
                self.idempotency, request, key, principal, lambda: self.answer(request, data), format_error
            )
        return (await self.answer(request, data))[0]

    async def answer(self, request: Request, data: Any) -> tuple[Response, dict[str, Any]]:
        success, result = await self.execute_graphql_query(request, data)
        response = await self.create_json_response(request, result, success)
        response.headers["Cache-Control"] = "no-store"  # answers are the caller's own, tokens included
        return response, result

    async def render_explorer(self, request: Request, explorer: Explorer) -> Response:
        response = await super().render_explorer(request, explorer)
        if isinstance(explorer, OfflineGraphiQL):
            response.headers["Content-Security-Policy"] = explorer.page.policy
        return response

    async def handle_request_override(self, request: Request) -> Response | None:
        """A GET that names a persisted query by its hash alone runs it (ariadne runs a GET only with `query`)."""
        if request.method == "GET" and "query" not in request.query_params and "extensions" in request.query_params:
            return await self.graphql_http_server(request)
        return None

    async def extract_data_from_request(self, request: Request) -> Any:
        params = request.query_params
        if request.method == "GET" and "query" not in params:
            try:
                return {
                    "extensions": json.loads(params["extensions"]),
                    "operationName": params.get("operationName") or None,
                    "variables": json.loads(params["variables"]) if params.get("variables") else None,
                }
            except ValueError:
                raise HttpBadRequestError("extensions and variables are JSON") from None
        return await super().extract_data_from_request(request)

    async def execute_graphql_query(
        self, request: Any, data: Any, *, context_value: Any = None, query_document: DocumentNode | None = None
    ) -> GraphQLResult:
        try:
            context = context_value or await self.get_context_for_request(request, data)
        except GraphQLError as error:
            return False, {"errors": [format_error(error)]}
        success, result = await super().execute_graphql_query(
            request, data, context_value=context, query_document=query_document
        )
        if isinstance(result, dict) and isinstance(context, Context) and context.cost is not None:
            result.setdefault("extensions", {})["cost"] = {"requested": context.cost, "limit": self.limits.max_cost}
        return success, result


def graphql_app(
    apis: Apis,
    verifier: TokenVerifier,
    live: Live,
    idempotency: Idempotency,
    rate_limits: RateLimits,
    open_sockets: OpenSockets,
    *,
    introspection: bool,
    limits: Limits,
) -> GraphQL:
    schema = executable_schema(live)
    documents = ParsedDocuments(limits)
    contexts = ContextMaker(apis, verifier, rate_limits, open_sockets)

    def query_parser(context: Any, data: dict[str, Any]) -> DocumentNode:
        if isinstance(context, Context) and context.refused_token is not None:
            raise context.refused_token
        document = documents.parsed(data["query"])
        operation = chosen_operation(document, data.get("operationName"))
        if operation is None:
            return document  # validation names what is wrong
        if isinstance(context, Context) and context.principal is None:
            require_token_for(schema, operation)
        cost = measured_cost(schema, document, operation, data.get("variables"), limits)
        if isinstance(context, Context):
            context.cost = cost
        return document

    return GraphQL(
        schema,
        context_value=contexts,
        query_parser=query_parser,
        execute_get_queries=True,
        introspection=introspection,
        error_formatter=format_error,
        logger=request_errors,
        query_validator=documents.validated,
        http_handler=HttpHandler(limits, documents, contexts, idempotency),
        websocket_handler=GraphQLTransportWSHandler(
            on_connect=contexts.on_connect, on_disconnect=contexts.on_disconnect
        ),
        explorer=OfflineGraphiQL(),
    )
