"""The pages and documents the gateway serves people: Swagger UI for both REST contracts (/docs, /api/docs), the
AsyncAPI page for the WebSocket (/docs/ws), and the contracts themselves, whose `servers` name the address the
request reached (not the one written in the contract).

Every page loads its scripts and styles from the gateway's own assets (/assets: the npm packages the build step
vendors into generated/agora/assets/), so it works with no network beyond the gateway, and carries a
Content-Security-Policy that allows nothing else: scripts from the gateway and the page's own inline script by
its hash, connections to the gateway only, no framing. The AsyncAPI page alone may also evaluate strings as
code, which its parser needs.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from importlib import resources
from pathlib import Path
from string import Template
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.responses import HTMLResponse
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

import agora

ASSETS = Path(agora.__file__).parent / "assets"
ASSETS_PATH = "/assets"
INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


def content_security_policy(page: str, *, allow_eval: bool = False) -> str:
    """The policy for a page: its inline scripts by hash, everything else from the gateway itself."""
    hashes = " ".join(
        f"'sha256-{base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()}'"
        for script in INLINE_SCRIPT.findall(page)
    )
    evaluation = " 'unsafe-eval'" if allow_eval else ""
    return (
        f"default-src 'self'; script-src 'self' {hashes}{evaluation}; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; "
        "frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
    )


class Page:
    """An HTML page with its policy, computed once."""

    def __init__(self, html: str, *, allow_eval: bool = False) -> None:
        self.html = html
        self.policy = content_security_policy(html, allow_eval=allow_eval)

    def response(self) -> HTMLResponse:
        return HTMLResponse(self.html, headers={"Content-Security-Policy": self.policy})


SWAGGER_UI = Template("""<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>$title</title>
    <link rel="stylesheet" href="$assets/swagger-ui-dist/swagger-ui.css" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="$assets/swagger-ui-dist/swagger-ui-bundle.js"></script>
    <script>SwaggerUIBundle({ url: $contract, dom_id: "#swagger-ui", deepLinking: true });</script>
  </body>
</html>
""")

ASYNCAPI_PAGE = Template("""<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Agora live notifications (WebSocket)</title>
    <link rel="stylesheet" href="$assets/@asyncapi/react-component/default.min.css" />
  </head>
  <body>
    <div id="asyncapi"></div>
    <script src="$assets/@asyncapi/react-component/index.js"></script>
    <script>
      fetch($contract).then((answer) => answer.json()).then((schema) => AsyncApiStandalone.render(
        { schema, config: { show: { sidebar: true }, sidebar: { showServers: "byDefault" } } },
        document.getElementById("asyncapi"),
      ));
    </script>
  </body>
</html>
""")


def swagger_page(title: str, contract_url: str) -> Page:
    return Page(SWAGGER_UI.substitute(title=title, assets=ASSETS_PATH, contract=json.dumps(contract_url)))


class ServedContract:
    """A contract document whose `servers` are rewritten to the address each request reached."""

    def __init__(self, document: dict[str, Any], rewrite: Any) -> None:
        self.document = document
        self._rewrite = rewrite
        self._by_base: dict[str, bytes] = {}

    def response(self, request: Request) -> Response:
        base = str(request.base_url).rstrip("/")
        if base not in self._by_base:
            if len(self._by_base) > 64:  # a client choosing Host headers must not grow this without end
                self._by_base.clear()
            self._by_base[base] = json.dumps({**self.document, **self._rewrite(request)}).encode()
        return Response(self._by_base[base], media_type="application/json")


def packaged_json(package: str, name: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(resources.files(package).joinpath(name).read_bytes())
    return document


def openapi_contract(package: str) -> ServedContract:
    return ServedContract(
        packaged_json(package, "openapi.json"),
        lambda request: {"servers": [{"url": str(request.base_url).rstrip("/")}]},
    )


def asyncapi_contract() -> ServedContract:
    document = packaged_json("agora.asyncapi", "agora_ws.json")

    def servers(request: Request) -> dict[str, Any]:
        scheme = "wss" if request.url.scheme == "https" else "ws"
        return {"servers": {"gateway": {"host": request.url.netloc, "protocol": scheme, "pathname": "/v1/ws"}}}

    return ServedContract(document, servers)


def add_documentation_routes(app: FastAPI) -> None:
    """The contracts, the pages that show them, and the assets every page (GraphiQL's too) loads."""
    contracts = {
        "/openapi.json": openapi_contract("agora.rest.agora_v1"),
        "/api/openapi.json": openapi_contract("agora.rest.merch"),
        "/asyncapi.json": asyncapi_contract(),
    }
    pages = {
        "/docs": swagger_page("Agora API", "/openapi.json"),
        "/api/docs": swagger_page("Agora merch shop API", "/api/openapi.json"),
        # The AsyncAPI parser compiles JSON Schemas into functions (ajv): this page alone may evaluate strings.
        "/docs/ws": Page(
            ASYNCAPI_PAGE.substitute(assets=ASSETS_PATH, contract=json.dumps("/asyncapi.json")), allow_eval=True
        ),
    }
    for path, contract in contracts.items():
        app.add_api_route(path, contract.response, methods=["GET"], include_in_schema=False)
    for path, page in pages.items():
        app.add_api_route(path, page.response, methods=["GET"], include_in_schema=False)
    app.router.routes.append(Mount(ASSETS_PATH, StaticFiles(directory=ASSETS)))
