"""deploy/compose.yaml as docker-compose reads it: valid, and a platform whose containers can reach each other."""

from __future__ import annotations

import os
import shutil
import subprocess
from typing import Any

import pytest
import yaml

from services.platform.settings import SERVICES
from tests.conftest import unavailable
from tests.deploy.environment import DEPLOY, address_ports, database_hosts, platform_settings

COMPOSE = DEPLOY / "compose.yaml"
SERVICE_KEY = "a-test-service-key-of-more-than-32-bytes"
METRICS_PORT = 9100
GATEWAY_PORT = 8080


def docker_compose_config(environment: dict[str, str], *options: str) -> subprocess.CompletedProcess[str]:
    tool = shutil.which("docker-compose")
    if tool is None:
        unavailable("docker-compose (Debian's package)", FileNotFoundError("docker-compose"))
    command = [str(tool), "--file", str(COMPOSE), *options, "config"]
    return subprocess.run(command, env=environment, capture_output=True, text=True, timeout=60, check=False)


def without_service_key() -> dict[str, str]:
    return {name: value for name, value in os.environ.items() if name != "AGORA_SERVICE_KEY"}


@pytest.fixture(scope="module")
def containers() -> dict[str, Any]:
    """The compose file's services, as docker-compose resolves them (anchors merged, variables filled in)."""
    result = docker_compose_config({**without_service_key(), "AGORA_SERVICE_KEY": SERVICE_KEY})
    assert result.returncode == 0, result.stderr
    services: dict[str, Any] = yaml.safe_load(result.stdout)["services"]
    return services


@pytest.fixture(scope="module")
def platform(containers: dict[str, Any]) -> dict[str, Any]:
    """The containers that run the platform's image: every service, the gateway and the migrations."""
    image = containers["gateway"]["image"]
    return {name: container for name, container in containers.items() if container["image"] == image}


def test_the_platform_does_not_start_without_a_service_key() -> None:
    result = docker_compose_config(without_service_key())

    assert result.returncode != 0
    assert "AGORA_SERVICE_KEY" in result.stderr


def test_every_service_and_the_gateway_has_a_container_of_its_own(platform: dict[str, Any]) -> None:
    commands = {name: container["command"][:2] for name, container in platform.items()}

    assert commands == {"migrate": ["migrate"], **{name: ["serve", name] for name in [*SERVICES, "gateway"]}}


def test_every_platform_container_signs_with_the_same_service_key(platform: dict[str, Any]) -> None:
    keys = {name: container["environment"]["AGORA_SERVICE_KEY"] for name, container in platform.items()}

    assert set(keys.values()) == {SERVICE_KEY}


def test_every_setting_is_one_the_platform_reads(platform: dict[str, Any], containers: dict[str, Any]) -> None:
    for container in platform.values():
        settings = platform_settings(container["environment"])

        assert database_hosts(settings) <= containers.keys()
        assert settings.grpc_listen_host == settings.metrics_host == settings.gateway_host == "0.0.0.0"
        assert settings.metrics_port == METRICS_PORT


def test_every_address_names_the_container_of_its_service(platform: dict[str, Any]) -> None:
    for container in platform.values():
        addresses = address_ports(platform_settings(container["environment"]))

        assert {service: host for service, (host, _) in addresses.items()} == {service: service for service in SERVICES}
        for service, (_, port) in addresses.items():
            assert platform[service]["healthcheck"]["test"] == ["CMD", "agora-healthcheck", f"127.0.0.1:{port}"]


def test_the_gateway_starts_once_every_service_is_healthy(containers: dict[str, Any]) -> None:
    depends_on = containers["gateway"]["depends_on"]

    assert {service: depends_on.get(service) for service in SERVICES} == {
        service: {"condition": "service_healthy"} for service in SERVICES
    }
    assert containers["gateway"]["healthcheck"]["test"][-1] == f"http://127.0.0.1:{GATEWAY_PORT}/readyz"


def test_every_service_starts_once_the_databases_are_migrated_and_the_broker_and_redis_answer(
    platform: dict[str, Any], containers: dict[str, Any]
) -> None:
    healthy = {"condition": "service_healthy"}
    for name in [*SERVICES, "gateway"]:
        depends_on = platform[name]["depends_on"]

        assert depends_on["migrate"] == {"condition": "service_completed_successfully"}
        assert (depends_on["rabbitmq"], depends_on["redis"]) == (healthy, healthy)
    assert platform["migrate"]["depends_on"] == {"postgres": healthy}
    assert platform["migrate"]["restart"] == "no"
    assert all("healthcheck" in containers[store] for store in ("postgres", "rabbitmq", "redis"))


def test_prometheus_scrapes_every_platform_process() -> None:
    config = yaml.safe_load((DEPLOY / "prometheus" / "prometheus.yml").read_text())
    targets = {
        target for job in config["scrape_configs"] for static in job["static_configs"] for target in static["targets"]
    }

    assert targets == {f"gateway:{GATEWAY_PORT}", *(f"{service}:{METRICS_PORT}" for service in SERVICES)}
