"""How a stream opens its WebSocket: where the client's REST calls go, with the same timeout, TLS and proxy.

The TLS context and the proxy are those of the httpx transport the client's HTTP client would send a REST call
through (a `verify=` or `proxy=` given to a custom `http_client`, or HTTP_PROXY / HTTPS_PROXY / ALL_PROXY /
NO_PROXY as httpx reads them). httpx keeps them on its transport's connection pool, not in public attributes: for a
transport of another kind (a mock, an ASGI app) the stream falls back on httpx's defaults for TLS and on the
environment's proxies when the client trusts the environment.
"""

from __future__ import annotations

import base64
import ssl
import urllib.parse
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypedDict

import httpx

from agora_sdk import _constants as defaults
from agora_sdk._options import CallOptions
from agora_sdk._stream import websocket_url

if TYPE_CHECKING:
    from agora_sdk._base_client import BaseClient


class ConnectOptions(TypedDict, total=False):
    """The keyword arguments of `websockets.sync.client.connect` and `websockets.asyncio.client.connect`."""

    additional_headers: dict[str, str]
    user_agent_header: str
    open_timeout: float | None
    ssl: ssl.SSLContext
    proxy: str | Literal[True] | None
    proxy_ssl: ssl.SSLContext


def stream_url(client: BaseClient[Any], path: str, per_call: CallOptions) -> str:
    """The WebSocket URL of `path` on the client's base URL (wss:// for https://), with the call's extra query."""
    url = httpx.URL(websocket_url(client.base_url, path))
    return str(url.copy_merge_params(dict(per_call.get("extra_query", {}))))


def connect_options(client: BaseClient[Any], access_token: str | None, per_call: CallOptions) -> ConnectOptions:
    """The handshake's headers (the call's extra ones, the access token), its open timeout (the client's connect
    timeout, or the call's), and the TLS and proxy settings of the client's HTTP transport."""
    headers = {**per_call.get("extra_headers", {})}
    if access_token:
        headers["Authorization"] = f"Bearer {access_token}"
    timeout = per_call.get("timeout")
    options = ConnectOptions(
        additional_headers=headers,
        user_agent_header=defaults.USER_AGENT,
        open_timeout=(client.timeout if timeout is None else httpx.Timeout(timeout)).connect,
    )
    pool = getattr(client._http._transport_for_url(httpx.URL(client.base_url)), "_pool", None)
    if client.base_url.startswith("https://"):
        options["ssl"] = _ssl_context(getattr(pool, "_ssl_context", None), client._http)
    proxy: str | Literal[True] | None = _proxy_of(pool) if pool is not None else client._http.trust_env or None
    options["proxy"] = proxy
    if isinstance(proxy, str) and proxy.startswith("https://"):
        options["proxy_ssl"] = _ssl_context(getattr(pool, "_proxy_ssl_context", None), client._http)
    return options


def _ssl_context(held: object, http: httpx.Client | httpx.AsyncClient) -> ssl.SSLContext:
    if isinstance(held, ssl.SSLContext):
        return held
    return httpx.create_ssl_context(trust_env=http.trust_env)


def _proxy_of(pool: object) -> str | None:
    """The proxy URL a connection pool sends through (with its credentials), or None for a direct one."""
    url = getattr(pool, "_proxy_url", None)
    if url is None:
        return None
    scheme, host, port = url.scheme.decode(), url.host.decode(), url.port
    credentials = _credentials(pool)
    userinfo = ":".join(urllib.parse.quote(part, safe="") for part in credentials) + "@" if credentials else ""
    host = f"[{host}]" if ":" in host else host
    return f"{scheme}://{userinfo}{host}" + (f":{port}" if port else "")


def _credentials(pool: object) -> tuple[str, str] | None:
    """A SOCKS proxy's user and password, or those of an HTTP proxy's Basic Proxy-Authorization header."""
    auth = getattr(pool, "_proxy_auth", None)
    if auth is not None:
        return auth[0].decode(), auth[1].decode()
    headers: Mapping[bytes, bytes] = dict(getattr(pool, "_proxy_headers", None) or [])
    scheme, _, encoded = headers.get(b"Proxy-Authorization", b"").partition(b" ")
    if scheme.lower() != b"basic" or not encoded:
        return None
    user, _, password = base64.b64decode(encoded).decode().partition(":")
    return user, password
