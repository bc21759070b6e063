"""schemathesis over merch.yaml, against the embedded platform in this process, with every check."""

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
def merch_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return fuzzed_settings(Path(tmp_path_factory.mktemp("merch-contract")))


@pytest.fixture(scope="module")
def merch_token(merch_settings: Settings) -> str:
    user_id = asyncio.run(create_admin(merch_settings))
    return mint_access_token(merch_settings, user_id, "customer")


@pytest.fixture(scope="module")
def merch_contract(merch_settings: Settings, merch_token: str) -> OpenApiSchema:
    return embedded_contract(merch_settings, "/api/openapi.json", merch_token)


schema = schemathesis.pytest.from_fixture("merch_contract")


@schema.parametrize()
def test_every_merch_operation_conforms(case: Any) -> None:
    case.call_and_validate()
