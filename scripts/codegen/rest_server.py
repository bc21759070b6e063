"""Renders a REST surface's server interface (an abstract class per tag) and its FastAPI router factory."""

from __future__ import annotations

import keyword
import re
from dataclasses import dataclass, field
from typing import Any

HTTP_METHODS = ("get", "post", "put", "patch", "delete")
IDEMPOTENCY_HEADER = "Idempotency-Key"
SERVICE_KEEPS_KEY = "x-agora-idempotency"
"""An operation marked `x-agora-idempotency: service` hands the key to its implementation, which keeps it with
its own state change (the wallet's ledger); other operations with the header replay through the gateway's store."""


DOWNLOAD = "Download"
"""The result type of an operation whose success response is a file rather than JSON."""


@dataclass(frozen=True)
class Param:
    name: str
    location: str  # path, query or header
    python_name: str
    annotation: str
    constraints: dict[str, Any]
    required: bool
    default: Any


@dataclass(frozen=True)
class Operation:
    operation_id: str
    method: str
    path: str
    tag: str
    summary: str
    params: list[Param]
    body_model: str | None
    success_status: int
    result_model: str | None
    # Headers the success response declares with one possible value (`Cache-Control: no-store`), always sent.
    fixed_headers: dict[str, str]
    secured: bool
    idempotent: bool
    service_keeps_key: bool
    python_name: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "python_name", snake(self.operation_id))

    @property
    def api_params(self) -> list[Param]:
        """The parameters the implementation receives; the idempotency key only when the service keeps it."""
        return [p for p in self.params if p.name != IDEMPOTENCY_HEADER or self.service_keeps_key]

    @property
    def replayed_by_gateway(self) -> bool:
        return self.idempotent and not self.service_keeps_key


def snake(name: str) -> str:
    name = re.sub(r"[^0-9A-Za-z]+", "_", name)
    name = re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower().strip("_")
    return f"{name}_" if keyword.iskeyword(name) else name


def camel(name: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[^0-9A-Za-z]+", name) if part)


class Spec:
    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document

    def resolve(self, node: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in node:
            target: Any = self.document
            for part in node["$ref"].removeprefix("#/").split("/"):
                target = target[part]
            node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
        return node

    @staticmethod
    def model_name(node: dict[str, Any]) -> str:
        ref = node.get("$ref")
        if not isinstance(ref, str) or not ref.startswith("#/components/schemas/"):
            raise ValueError(f"request and response bodies must reference a named schema, got {node!r}")
        return ref.rsplit("/", 1)[1]

    def operations(self) -> list[Operation]:
        found = []
        for path, item in self.document["paths"].items():
            shared = item.get("parameters", [])
            for method in HTTP_METHODS:
                if method in item:
                    found.append(self._operation(path, method, item[method], shared))
        return found

    def _operation(self, path: str, method: str, op: dict[str, Any], shared: list[dict[str, Any]]) -> Operation:
        params = [self._param(self.resolve(p)) for p in [*shared, *op.get("parameters", [])]]
        body_model = None
        if "requestBody" in op:
            body_model = self.model_name(op["requestBody"]["content"]["application/json"]["schema"])
        status, result_model, fixed_headers = self._success(op)
        security = op.get("security", self.document.get("security", []))
        return Operation(
            operation_id=op["operationId"],
            method=method,
            path=path,
            tag=op["tags"][0],
            summary=op.get("summary", ""),
            params=params,
            body_model=body_model,
            success_status=status,
            result_model=result_model,
            fixed_headers=fixed_headers,
            secured=bool(security),
            idempotent=any(p.name == IDEMPOTENCY_HEADER for p in params),
            service_keeps_key=op.get(SERVICE_KEEPS_KEY) == "service",
        )

    def _success(self, op: dict[str, Any]) -> tuple[int, str | None, dict[str, str]]:
        for code, response in op["responses"].items():
            if str(code).startswith("2"):
                resolved = self.resolve(response)
                content = resolved.get("content", {})
                headers = self._fixed_headers(resolved.get("headers", {}))
                if "application/json" in content:
                    return int(code), self.model_name(content["application/json"]["schema"]), headers
                # A file (a PDF, a CSV): the implementation returns it as a Download.
                return int(code), DOWNLOAD if content else None, headers
        raise ValueError(f"{op['operationId']} declares no success response")

    def _fixed_headers(self, headers: dict[str, Any]) -> dict[str, str]:
        fixed = {}
        for name, header in headers.items():
            values = self.resolve(self.resolve(header).get("schema", {})).get("enum", [])
            if len(values) == 1:
                fixed[name] = str(values[0])
        return fixed

    def _param(self, param: dict[str, Any]) -> Param:
        schema = self.resolve(param["schema"])
        annotation, constraints = python_type(schema)
        required = bool(param.get("required", False))
        default = schema.get("default")
        if not required and default is None:
            annotation = f"{annotation} | None"
        return Param(
            name=param["name"],
            location=param["in"],
            python_name=snake(param["name"]),
            annotation=annotation,
            constraints=constraints,
            required=required,
            default=default,
        )


def python_type(schema: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    kind = schema.get("type")
    if kind == "string" and "enum" in schema:
        return f"Literal[{', '.join(repr(value) for value in schema['enum'])}]", {}
    if kind == "string" and schema.get("format") == "uuid":
        return "UUID", {}
    if kind == "string":
        keys = {"minLength": "min_length", "maxLength": "max_length", "pattern": "pattern"}
        return "str", {py: schema[js] for js, py in keys.items() if js in schema}
    if kind == "integer":
        keys = {"minimum": "ge", "maximum": "le"}
        return "int", {py: schema[js] for js, py in keys.items() if js in schema}
    if kind == "boolean":
        return "bool", {}
    raise ValueError(f"unsupported parameter schema {schema!r}")


HEADER = '''\
# Generated by scripts/generate.py from contracts/rest/{source}. Do not edit.
"""Server interface and FastAPI router factory for the {title} ({source})."""

from __future__ import annotations

import abc
from typing import Annotated, Literal
from uuid import UUID

from fastapi import APIRouter, Header, Path, Query, Request, Response

from services.platform.rest import ContractBodies, Download, Principal, RouteRuntime, read_body, respond

from . import models

BODIES = ContractBodies.of_package(__package__)
'''


def render(document: dict[str, Any], source: str) -> str:
    spec = Spec(document)
    operations = spec.operations()
    tags = list(dict.fromkeys(op.tag for op in operations))
    parts = [HEADER.format(source=source, title=document["info"]["title"])]
    for tag in tags:
        parts.append(render_interface(tag, [op for op in operations if op.tag == tag]))
    parts.append(render_router(tags, operations))
    return "\n".join(parts)


def interface_name(tag: str) -> str:
    return f"{camel(tag)}Api"


def method_arguments(op: Operation) -> list[str]:
    arguments = []
    if op.body_model:
        arguments.append(f"body: models.{op.body_model}")
    arguments.extend(f"{p.python_name}: {p.annotation}" for p in op.api_params)
    if op.secured:
        arguments.append("principal: Principal")
    return arguments


def render_interface(tag: str, operations: list[Operation]) -> str:
    lines = [
        "",
        f"class {interface_name(tag)}(abc.ABC):",
        f'    """Operations tagged `{tag}`; a subclass that misses one cannot be instantiated."""',
    ]
    for op in operations:
        result = "None" if op.result_model is None else op.result_model
        if op.result_model not in (None, DOWNLOAD):
            result = f"models.{op.result_model}"
        arguments = ", ".join(["self", "*", *method_arguments(op)])
        lines += [
            "",
            "    @abc.abstractmethod",
            f"    async def {op.python_name}({arguments}) -> {result}:",
            f'        """{op.summary}"""',
        ]
    return "\n".join(lines) + "\n"


def fastapi_param(param: Param) -> str:
    marker = {"path": "Path", "query": "Query", "header": "Header"}[param.location]
    options = [f"alias={param.name!r}"] if param.name != param.python_name else []
    options += [f"{key}={value!r}" for key, value in param.constraints.items()]
    declaration = f"{param.python_name}: Annotated[{param.annotation}, {marker}({', '.join(options)})]"
    if param.required:
        return declaration
    return f"{declaration} = {param.default!r}"


def render_route(op: Operation) -> list[str]:
    signature = ", ".join(["request: Request", *(fastapi_param(p) for p in op.params)])
    call_arguments = (["body=body"] if op.body_model else []) + [
        f"{p.python_name}={p.python_name}" for p in op.api_params
    ]
    run_options = [f"operation_id={op.operation_id!r}"]
    lines = [
        "",
        f"    @router.{op.method}({op.path!r}, name={op.operation_id!r})",
        f"    async def {op.python_name}({signature}) -> Response:",
    ]
    if op.secured:
        lines.append("        principal = await runtime.authenticate(request)")
        call_arguments.append("principal=principal")
        run_options.append("principal=principal")
    if op.body_model:
        lines.append(f"        body = await read_body(request, models.{op.body_model}, BODIES[{op.body_model!r}])")
    call = f"{snake(op.tag)}.{op.python_name}({', '.join(call_arguments)})"
    headers = f", headers={op.fixed_headers!r}" if op.fixed_headers else ""
    answer = f"respond(await {call}, {op.success_status}{headers})"
    if not op.replayed_by_gateway:
        return [*lines, f"        return {answer}"]
    return [
        *lines,
        "",
        "        async def call() -> Response:",
        f"            return {answer}",
        "",
        f"        return await runtime.run_idempotent(request, call, {', '.join(run_options)}, key=idempotency_key)",
    ]


def render_router(tags: list[str], operations: list[Operation]) -> str:
    arguments = ", ".join(["*", *(f"{snake(tag)}: {interface_name(tag)}" for tag in tags), "runtime: RouteRuntime"])
    lines = [
        "",
        f"def build_router({arguments}) -> APIRouter:",
        '    """Binds one implementation per tag to the routes of this surface."""',
        "    router = APIRouter()",
    ]
    for op in operations:
        lines += render_route(op)
    lines += ["", "    return router", ""]
    return "\n".join(lines)
