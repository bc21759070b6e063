"""REST glue shared by every generated router: request bodies, responses and RFC 9457 problems."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from http import HTTPStatus
from importlib import resources
from typing import Any, Protocol, TypeVar

from fastapi import Request, Response
from fastapi.responses import JSONResponse
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError as SchemaViolation
from pydantic import BaseModel, ValidationError
from pydantic_core import from_json

from services.platform.context import Principal, request_id

__all__ = ["ContractBodies", "Principal", "ProblemError", "RouteRuntime", "problem_response", "read_body", "respond"]

PROBLEM_MEDIA_TYPE = "application/problem+json"
Model = TypeVar("Model", bound=BaseModel)


class ProblemError(Exception):
    """Ends a request with an RFC 9457 problem document."""

    def __init__(
        self,
        status: int,
        code: str,
        detail: str,
        *,
        errors: Sequence[Mapping[str, str]] = (),
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status, self.code, self.detail = status, code, detail
        self.errors = list(errors)
        self.headers = dict(headers or {})


class RouteRuntime(Protocol):
    """What a generated router needs from the gateway beyond the implementations themselves."""

    async def authenticate(self, request: Request) -> Principal: ...

    async def run_idempotent(
        self,
        request: Request,
        call: Callable[[], Awaitable[Response]],
        *,
        operation_id: str,
        key: str | None,
        principal: Principal | None = None,
    ) -> Response: ...


def problem_response(
    status: int,
    code: str,
    detail: str,
    *,
    errors: Sequence[Mapping[str, str]] = (),
    headers: Mapping[str, str] | None = None,
) -> Response:
    body: dict[str, Any] = {
        "type": f"urn:agora:problem:{code}",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "code": code,
        "request_id": request_id.get(),
    }
    if errors:
        body["errors"] = list(errors)
    return JSONResponse(body, status_code=status, media_type=PROBLEM_MEDIA_TYPE, headers=headers)


def field_errors(error: ValidationError, prefix: str) -> list[dict[str, str]]:
    return [
        {"location": ".".join([prefix, *(str(part) for part in item["loc"])]), "message": item["msg"]}
        for item in error.errors(include_url=False, include_input=False)
    ]


def _is_json(content_type: str) -> bool:
    media_type = content_type.split(";", 1)[0].strip().lower()
    return media_type == "application/json" or media_type.endswith("+json")


class ContractBodies:
    """JSON Schema validators for a contract's request bodies: the contract itself decides what is valid."""

    def __init__(self, document: Mapping[str, Any]) -> None:
        self._document = dict(document)
        self._validators: dict[str, Draft202012Validator] = {}

    @classmethod
    def of_package(cls, package: str) -> ContractBodies:
        """The contract the build step placed beside a generated server module."""
        return cls(json.loads(resources.files(package).joinpath("openapi.json").read_bytes()))

    def __getitem__(self, schema_name: str) -> Draft202012Validator:
        if schema_name not in self._validators:
            root = {**self._document, "$ref": f"#/components/schemas/{schema_name}"}
            self._validators[schema_name] = Draft202012Validator(root)
        return self._validators[schema_name]


async def read_body(request: Request, model: type[Model], schema: Draft202012Validator) -> Model:
    """Parses a JSON body: 400 when it is not JSON, 422 when it breaks the contract's schema."""
    if not _is_json(request.headers.get("content-type", "")):
        raise ProblemError(400, "unsupported_media_type", "the body must be application/json")
    try:
        document = from_json(await request.body())
    except ValueError:
        raise ProblemError(400, "malformed_json", "the body is not valid JSON") from None
    errors = [
        {"location": ".".join(["body", *(str(part) for part in error.absolute_path)]), "message": violated(error)}
        for error in schema.iter_errors(document)
    ]
    if errors:
        raise ProblemError(422, "validation_failed", "the body breaks the contract", errors=errors)
    try:
        return model.model_validate(document)
    except ValidationError as error:
        raise ProblemError(
            422, "validation_failed", "the body breaks the contract", errors=field_errors(error, "body")
        ) from None


RULES: dict[str, Callable[[Any], str]] = {
    "type": lambda types: f"must be of type {' or '.join(types) if isinstance(types, list) else types}",
    "maxLength": lambda limit: f"must be at most {limit} characters long",
    "minLength": lambda limit: f"must be at least {limit} characters long",
    "pattern": lambda pattern: f"must match the pattern {pattern}",
    "format": lambda name: f"must be a valid {name}",
    "enum": lambda values: f"must be one of {', '.join(json.dumps(value) for value in values)}",
    "const": lambda value: f"must be {json.dumps(value)}",
    "minimum": lambda limit: f"must be at least {limit}",
    "maximum": lambda limit: f"must be at most {limit}",
    "exclusiveMinimum": lambda limit: f"must be more than {limit}",
    "exclusiveMaximum": lambda limit: f"must be less than {limit}",
    "minItems": lambda limit: f"must hold at least {limit} items",
    "maxItems": lambda limit: f"must hold at most {limit} items",
    "uniqueItems": lambda _: "must not repeat an item",
    "additionalProperties": lambda _: "holds properties the contract does not define",
    "minProperties": lambda limit: f"must hold at least {limit} properties",
    "maxProperties": lambda limit: f"must hold at most {limit} properties",
}


def violated(error: SchemaViolation) -> str:
    """The rule a value breaks, in the contract's words, never the value itself (a refused password, say)."""
    if error.validator == "required":
        return error.message  # "'username' is a required property": the name is the contract's
    rule = RULES.get(str(error.validator))
    return rule(error.validator_value) if rule else f"breaks the contract's {error.validator} rule"


@dataclass(frozen=True)
class Download:
    """A file an operation answers with (a report as PDF or CSV), sent as an attachment."""

    content: bytes
    media_type: str
    filename: str


def respond(result: BaseModel | Download | None, status: int, headers: Mapping[str, str] | None = None) -> Response:
    """The success response; `headers` are those the contract fixes for it (`Cache-Control: no-store`)."""
    if result is None:
        return Response(status_code=status, headers=headers)
    if isinstance(result, Download):
        disposition = {"Content-Disposition": f'attachment; filename="{result.filename}"'}
        return Response(
            result.content, status, media_type=result.media_type, headers={**disposition, **(headers or {})}
        )
    body = result.model_dump_json(exclude_none=True, by_alias=True)
    return Response(body, status_code=status, media_type="application/json", headers=headers)
