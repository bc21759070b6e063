"""Every error the gateway returns, mapped from exceptions in one place.

On agora.v1 an error is an RFC 9457 problem document. Under /api (the merch shop's contract) it is
`{"errors": "<message>"}` with the statuses that contract knows: 401, 500, and 400 for everything else a
request can get wrong; only routing (an unknown path or method) keeps its 404 or 405.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence

import grpc
from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect
from starlette.routing import Match

from services.platform.errors import DEFAULT_CODE_BY_GRPC_STATUS, ERROR_CODE_METADATA, http_status_of
from services.platform.rest import ProblemError, problem_response
from services.platform.service_auth import ServiceUnauthenticated

log = logging.getLogger(__name__)

HTTP_CODES = {404: "route_not_found", 405: "method_not_allowed"}
ROUTING_STATUSES = {404, 405}
RETRY_AFTER_SECONDS = 1
"""What a 503 asks the client to wait before trying again (the SDK honours it)."""
MERCH_PREFIX = "/api/"


def error_for_path(
    path: str,
    status: int,
    code: str,
    detail: str,
    *,
    errors: Sequence[Mapping[str, str]] = (),
    headers: Mapping[str, str] | None = None,
) -> Response:
    """The error in the shape of the contract that serves `path`."""
    if not path.startswith(MERCH_PREFIX):
        return problem_response(status, code, detail, errors=errors, headers=headers)
    merch_status = 401 if status == 401 else 500 if status >= 500 else 400
    return JSONResponse({"errors": detail}, status_code=merch_status, headers=headers)


async def on_problem(request: Request, error: Exception) -> Response:
    assert isinstance(error, ProblemError)
    return error_for_path(
        request.url.path, error.status, error.code, error.detail, errors=error.errors, headers=error.headers
    )


async def on_invalid_request(request: Request, error: Exception) -> Response:
    assert isinstance(error, RequestValidationError)
    errors = [
        {"location": ".".join(str(part) for part in item["loc"]), "message": str(item["msg"])}
        for item in error.errors()
    ]
    return error_for_path(request.url.path, 422, "validation_failed", "the request breaks the contract", errors=errors)


def rpc_problem(error: grpc.aio.AioRpcError) -> ProblemError:
    """A failed call to a service as the problem the client gets: the service's code and words, or a 5xx."""
    status = http_status_of(error.code())
    if status >= 500:
        log.warning("backend call failed: %s %s", error.code().name, error.details())
    trailers = dict(error.trailing_metadata() or ())
    domain_code = trailers.get(ERROR_CODE_METADATA)
    if domain_code == ServiceUnauthenticated.code:  # the platform's own fault, not the client's
        log.error("a service refused the gateway's credentials (every process needs the same AGORA_SERVICE_KEY)")
        return ProblemError(500, "internal_error", "the gateway failed unexpectedly")
    code = domain_code or DEFAULT_CODE_BY_GRPC_STATUS.get(error.code(), "internal_error")
    # A service's own error (it sets the code) is written for callers; a transport failure's text is not (it
    # names the gateway's internals: "Received message larger than max", say).
    if domain_code:
        detail = error.details()
    elif status >= 500:
        detail = "a service behind the gateway is unavailable"
    else:
        detail = f"a service behind the gateway could not take the request ({error.code().name.lower()})"
    headers = {"Retry-After": str(RETRY_AFTER_SECONDS)} if status == 503 else None
    return ProblemError(status, str(code), detail or error.code().name.lower(), headers=headers)


async def on_rpc_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, grpc.aio.AioRpcError)
    return await on_problem(request, rpc_problem(error))


async def on_http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    code = HTTP_CODES.get(error.status_code, "http_error")
    headers = dict(error.headers or {})
    detail = str(error.detail)
    if error.status_code == 405:
        headers["Allow"] = ", ".join(allowed_methods(request))
    if request.url.path.startswith(MERCH_PREFIX) and error.status_code in ROUTING_STATUSES:
        return JSONResponse({"errors": detail}, status_code=error.status_code, headers=headers)
    return error_for_path(request.url.path, error.status_code, code, detail, headers=headers)


METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


def body_too_large(limit: int) -> ProblemError:
    return ProblemError(413, "body_too_large", f"the request body is larger than the {limit} bytes read here")


def allowed_methods(request: Request) -> list[str]:
    """Every method some route serves at this path, included routers' too (Starlette's own Allow names only the
    first route's)."""
    routes = request.app.router.routes
    return [
        method
        for method in METHODS
        if any(route.matches({**request.scope, "method": method})[0] == Match.FULL for route in routes)
    ]


async def on_client_gone(request: Request, error: Exception) -> Response:
    """The client hung up before sending its whole body: nobody is left to answer, and nothing went wrong here."""
    log.info("client disconnected during %s %s", request.method, request.url.path)
    return error_for_path(
        request.url.path, 400, "client_disconnected", "the client disconnected before its request ended"
    )


async def on_unexpected(request: Request, error: Exception) -> Response:
    log.exception("unhandled error", exc_info=error)
    return error_for_path(request.url.path, 500, "internal_error", "the gateway failed unexpectedly")


def install_problem_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ProblemError, on_problem)
    app.add_exception_handler(RequestValidationError, on_invalid_request)
    app.add_exception_handler(grpc.aio.AioRpcError, on_rpc_error)
    app.add_exception_handler(HTTPException, on_http_error)
    app.add_exception_handler(ClientDisconnect, on_client_gone)
    app.add_exception_handler(Exception, on_unexpected)
