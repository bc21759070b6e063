"""schemathesis over agora.v1.yaml, against the embedded platform in this process, with every check."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from schemathesis.specs.openapi.schemas import OpenApiSchema

from services.platform.settings import Settings
from tests.api.conftest import create_admin
from tests.contract.support import embedded_contract, fuzzed_settings
from tests.support import mint_access_token


@pytest.fixture(scope="module")
def contract_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return fuzzed_settings(Path(tmp_path_factory.mktemp("contract")))


@pytest.fixture(scope="module")
def admin_token(contract_settings: Settings) -> str:
    admin_id = asyncio.run(create_admin(contract_settings))
    return mint_access_token(contract_settings, admin_id, "admin")


@pytest.fixture(scope="module")
def contract(contract_settings: Settings, admin_token: str) -> OpenApiSchema:
    return embedded_contract(contract_settings, "/openapi.json", admin_token)


schema = schemathesis.pytest.from_fixture("contract")


@schema.parametrize()
def test_every_operation_conforms(case: Any) -> None:
    case.call_and_validate()
