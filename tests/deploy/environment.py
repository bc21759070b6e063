"""What the deployment files hand every process, checked against what the platform reads."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from sqlalchemy.engine import make_url

from services.platform.settings import SERVICES, Settings

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
PREFIX = "AGORA_"


def platform_settings(environment: Mapping[str, str]) -> Settings:
    """The settings a process started with `environment` runs on; fails on an AGORA_* name the platform does not
    read (a typo would otherwise be ignored) or a value it refuses."""
    fields = {
        name.removeprefix(PREFIX).lower(): value for name, value in environment.items() if name.startswith(PREFIX)
    }
    unknown = sorted(f"{PREFIX}{name.upper()}" for name in fields.keys() - Settings.model_fields.keys())
    assert not unknown, f"settings the platform does not read: {unknown}"
    return Settings(**fields)  # type: ignore[arg-type]


def database_hosts(settings: Settings) -> set[str]:
    """The database servers the services reach; asserts each service gets a database of its own."""
    urls = [make_url(settings.database_url_for(service)) for service in SERVICES]
    assert all(url.drivername == "postgresql+asyncpg" for url in urls), urls
    assert len({url.database for url in urls}) == len(SERVICES), "services share a database"
    return {str(url.host) for url in urls}


def address_ports(settings: Settings) -> dict[str, tuple[str, int]]:
    """Each service's address as its callers reach it: host and port."""
    hosts_and_ports = {service: settings.address_of(service).rsplit(":", 1) for service in SERVICES}
    return {service: (host, int(port)) for service, (host, port) in hosts_and_ports.items()}
