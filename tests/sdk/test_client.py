"""Client construction: base URL and timeout resolution, closing, the version, and no server-side imports."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import httpx
import pytest

import agora_sdk
from agora_sdk import Agora, InvalidArgumentError
from tests.sdk.fakes import FakeAPI, ok, user_json

SDK_PYPROJECT = Path(__file__).resolve().parents[2] / "sdk" / "pyproject.toml"


def test_base_url_defaults_to_the_local_gateway(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AGORA_BASE_URL", raising=False)
    with Agora() as client:
        assert client.base_url == "http://127.0.0.1:8080"


def test_base_url_comes_from_the_environment_unless_given(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AGORA_BASE_URL", "http://env.test:9000/")
    with Agora() as from_env, Agora(base_url="http://given.test") as given:
        assert from_env.base_url == "http://env.test:9000"
        assert given.base_url == "http://given.test"


def test_requests_go_to_the_base_url_and_its_path_prefix(api: FakeAPI) -> None:
    api.script("GET", "/api/v1/users/me", ok(user_json()))
    client = Agora(base_url="http://edge.test/api/", http_client=httpx.Client(transport=api.transport()))

    client.identity.me()

    assert str(api.requests[0].url) == "http://edge.test/api/v1/users/me"


def test_timeout_is_the_callers_then_the_http_clients_then_the_default() -> None:
    http_client = httpx.Client(timeout=7.0)
    with Agora(timeout=3.0) as given, Agora(http_client=http_client) as inherited, Agora() as default:
        assert given.timeout == httpx.Timeout(3.0)
        assert inherited.timeout == httpx.Timeout(7.0)
        assert default.timeout == httpx.Timeout(30.0, connect=5.0)
    http_client.close()


def test_each_request_carries_the_timeout(api: FakeAPI) -> None:
    api.script("GET", "/v1/products", ok({"items": []}))
    client = Agora(timeout=2.5, http_client=httpx.Client(transport=api.transport(), timeout=99))

    client.catalog.products.list()

    assert api.requests[0].extensions["timeout"] == httpx.Timeout(2.5).as_dict()


def test_close_closes_only_a_client_it_created() -> None:
    given_http = httpx.Client()
    with Agora() as owned, Agora(http_client=given_http):
        pass

    assert owned._http.is_closed
    assert not given_http.is_closed
    given_http.close()


def test_negative_max_retries_are_refused() -> None:
    with pytest.raises(InvalidArgumentError, match="max_retries"):
        Agora(max_retries=-1)


def test_version_follows_the_sdk_package() -> None:
    assert agora_sdk.__version__ == tomllib.loads(SDK_PYPROJECT.read_text())["project"]["version"]


def test_importing_every_sdk_module_loads_nothing_server_side(tmp_path: Path) -> None:
    script = """
import importlib, pkgutil, sys
import agora_sdk
for module in pkgutil.walk_packages(agora_sdk.__path__, "agora_sdk."):
    importlib.import_module(module.name)
server_side = {"services", "agora", "fastapi", "starlette", "sqlalchemy", "grpc"}
print(sorted({name.split(".")[0] for name in sys.modules} & server_side))
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=tmp_path)
    assert result.stdout.strip() == "[]"


def test_the_rest_client_does_not_load_the_graphql_clients_models(tmp_path: Path) -> None:
    script = """
import sys
from agora_sdk import Agora
Agora().catalog
print("pydantic" in sys.modules)
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=tmp_path)
    assert result.stdout.strip() == "False"
