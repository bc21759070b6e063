"""deploy/kubernetes as kustomize renders it: every manifest valid against Kubernetes' schemas, and a platform whose
pods are probed, scraped and reach PostgreSQL through the pooler."""

from __future__ import annotations

import configparser
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from kubernetes_validate import utils as kubernetes_validate  # type: ignore[import-untyped]
from sqlalchemy.engine import make_url

from services.platform.settings import SERVICES
from tests.deploy.environment import DEPLOY, address_ports, database_hosts, platform_settings

KUSTOMIZATION = DEPLOY / "kubernetes" / "kustomization.yaml"
# The oldest Kubernetes the manifests are for (native gRPC probes are GA from 1.27), and the newest schemas known.
KUBERNETES_VERSIONS = ["1.27.0", kubernetes_validate.latest_version()]
# What render() implements of kustomize: a field beyond these must be rendered here before it is used.
RENDERED_FIELDS = {"apiVersion", "kind", "namespace", "resources", "images"}
CLUSTER_SCOPED = {"Namespace"}
METRICS_PORT = 9100
GATEWAY_PORT = 8080

Resource = dict[str, Any]


def render(kustomization: Path) -> list[Resource]:
    """The resources `kustomize build` would output: each listed file, in the namespace, with the images set."""
    spec = yaml.safe_load(kustomization.read_text())
    images = {image["name"]: f"{image['newName']}:{image['newTag']}" for image in spec.get("images", [])}
    resources = []
    for path in spec["resources"]:
        for resource in yaml.safe_load_all((kustomization.parent / path).read_text()):
            if resource["kind"] not in CLUSTER_SCOPED:
                resource["metadata"]["namespace"] = spec["namespace"]
            for container in containers_of(resource):
                container["image"] = images.get(container["image"], container["image"])
            resources.append(resource)
    return resources


def containers_of(resource: Resource) -> list[dict[str, Any]]:
    if resource["kind"] != "Deployment":
        return []
    containers: list[dict[str, Any]] = resource["spec"]["template"]["spec"]["containers"]
    return containers


RESOURCES = render(KUSTOMIZATION)


def named(kind: str) -> dict[str, Resource]:
    return {resource["metadata"]["name"]: resource for resource in RESOURCES if resource["kind"] == kind}


def environment_of(container: dict[str, Any]) -> dict[str, str]:
    """The variables a container starts with: its ConfigMaps' and Secrets' entries, then its own."""
    config_maps, secrets = named("ConfigMap"), named("Secret")
    environment: dict[str, str] = {}
    for source in container.get("envFrom", []):
        if "configMapRef" in source:
            environment.update(config_maps[source["configMapRef"]["name"]]["data"])
        else:
            environment.update(secrets[source["secretRef"]["name"]]["stringData"])
    environment.update({variable["name"]: variable["value"] for variable in container.get("env", [])})
    return environment


def platform_containers() -> Iterator[tuple[str, dict[str, Any]]]:
    """Every container that runs the platform's image, by its Deployment's name."""
    for name, deployment in named("Deployment").items():
        for container in containers_of(deployment):
            if container.get("args", [""])[0] == "serve":
                yield name, container


def test_the_kustomization_uses_only_what_the_test_renders() -> None:
    assert set(yaml.safe_load(KUSTOMIZATION.read_text())) <= RENDERED_FIELDS


def test_every_manifest_file_is_in_the_kustomization() -> None:
    listed = {KUSTOMIZATION.parent / path for path in yaml.safe_load(KUSTOMIZATION.read_text())["resources"]}
    files = {path for path in KUSTOMIZATION.parent.rglob("*.yaml") if path != KUSTOMIZATION}

    assert files == listed


@pytest.mark.parametrize("version", KUBERNETES_VERSIONS)
@pytest.mark.parametrize("resource", RESOURCES, ids=lambda r: f"{r['kind']}/{r['metadata']['name']}")
def test_every_manifest_is_valid_kubernetes(resource: Resource, version: str) -> None:
    try:
        kubernetes_validate.validate(resource, version, strict=True)
    except kubernetes_validate.ValidationError as error:
        pytest.fail(f"{resource['kind']}/{resource['metadata']['name']}: {error.message} at {list(error.path)}")


def test_every_service_runs_from_a_deployment_probed_over_grpc_on_its_port() -> None:
    deployments = named("Deployment")
    for service, (host, port) in address_ports(platform_settings(environment_of_any_platform_container())).items():
        [container] = containers_of(deployments[service])

        assert container["args"] == ["serve", service]
        assert container["readinessProbe"]["grpc"] == {"port": port}
        assert container["livenessProbe"]["grpc"] == {"port": port}
        assert {"name": "grpc", "containerPort": port} in container["ports"]
        assert host == service
        assert port in service_ports(named("Service")[service])


def test_every_service_is_scraped_on_its_metrics_port() -> None:
    deployments = named("Deployment")
    for service in SERVICES:
        template = deployments[service]["spec"]["template"]
        [container] = template["spec"]["containers"]

        assert template["metadata"]["annotations"] == {
            "prometheus.io/scrape": "true",
            "prometheus.io/port": str(METRICS_PORT),
            "prometheus.io/path": "/metrics",
        }
        assert {"name": "metrics", "containerPort": METRICS_PORT} in container["ports"]
        assert platform_settings(environment_of(container)).metrics_port == METRICS_PORT


def test_the_gateway_is_probed_on_healthz_and_readyz_and_bounded() -> None:
    template = named("Deployment")["gateway"]["spec"]["template"]
    [container] = template["spec"]["containers"]

    assert container["args"][:2] == ["serve", "gateway"]
    assert container["livenessProbe"]["httpGet"] == {"path": "/healthz", "port": "http"}
    assert container["readinessProbe"]["httpGet"] == {"path": "/readyz", "port": "http"}
    assert {"name": "http", "containerPort": GATEWAY_PORT} in container["ports"]
    assert {"cpu", "memory"} <= container["resources"]["requests"].keys() & container["resources"]["limits"].keys()
    assert template["metadata"]["annotations"]["prometheus.io/port"] == str(GATEWAY_PORT)


def test_a_horizontal_autoscaler_scales_the_gateway() -> None:
    [autoscaler] = named("HorizontalPodAutoscaler").values()

    assert autoscaler["apiVersion"] == "autoscaling/v2"
    assert autoscaler["spec"]["scaleTargetRef"] == {"apiVersion": "apps/v1", "kind": "Deployment", "name": "gateway"}
    assert "replicas" not in named("Deployment")["gateway"]["spec"], "the autoscaler owns the gateway's replicas"


def test_every_platform_process_reaches_postgres_through_the_pooler() -> None:
    for _, container in platform_containers():
        settings = platform_settings(environment_of(container))

        assert database_hosts(settings) == {"pgbouncer"}
        assert make_url(settings.database_url_for("identity")).port == 5432
    assert "pgbouncer" in named("Service")
    assert "pgbouncer" in named("Deployment")


def test_the_pooler_pools_transactions_and_tracks_prepared_statements() -> None:
    config = configparser.ConfigParser(inline_comment_prefixes=None)
    config.read_string(named("ConfigMap")["pgbouncer-config"]["data"]["pgbouncer.ini"])

    assert config["pgbouncer"]["pool_mode"] == "transaction"
    # asyncpg prepares every statement it runs: without tracking, transaction mode mixes them up between clients.
    assert int(config["pgbouncer"]["max_prepared_statements"]) > 0
    assert config["databases"]["*"].split()[0] == "host=postgres"


def test_every_platform_process_shares_one_service_key_and_one_set_of_addresses() -> None:
    settings = [platform_settings(environment_of(container)) for _, container in platform_containers()]

    assert len(settings) == len(SERVICES) + 1
    assert len({(s.service_key, tuple(s.address_of(service) for service in SERVICES)) for s in settings}) == 1
    assert all(s.service_key is not None for s in settings)


def test_only_identity_holds_the_token_signing_keys() -> None:
    holders = {name for name, container in platform_containers() if "AGORA_JWT_KEYS_DIR" in environment_of(container)}
    identity = named("Deployment")["identity"]["spec"]["template"]["spec"]
    [container] = identity["containers"]
    [mount] = container["volumeMounts"]
    [volume] = identity["volumes"]

    assert holders == {"identity"}
    assert mount["mountPath"] == environment_of(container)["AGORA_JWT_KEYS_DIR"]
    assert volume == {"name": mount["name"], "secret": volume["secret"]}
    assert volume["secret"]["secretName"] in named("Secret")


def test_every_service_selects_the_pods_of_a_deployment_and_their_ports() -> None:
    deployments = named("Deployment").values()
    for name, service in named("Service").items():
        if service["spec"].get("type") == "ExternalName":
            continue
        [pods] = [d["spec"]["template"] for d in deployments if selects(service, d["spec"]["template"])]
        port_names = {port["name"] for container in pods["spec"]["containers"] for port in container["ports"]}

        assert {port["targetPort"] for port in service["spec"]["ports"]} <= port_names, name


def test_everything_a_pod_refers_to_is_in_the_kustomization() -> None:
    config_maps, secrets = named("ConfigMap"), named("Secret")
    for deployment in named("Deployment").values():
        pod = deployment["spec"]["template"]["spec"]
        for container in pod["containers"]:
            for source in container.get("envFrom", []):
                reference = source.get("configMapRef") or source["secretRef"]
                assert reference["name"] in (config_maps if "configMapRef" in source else secrets)
        for volume in pod.get("volumes", []):
            sources = volume["projected"]["sources"] if "projected" in volume else [volume]
            for source in sources:
                if "configMap" in source:
                    assert source["configMap"]["name"] in config_maps
                if "secret" in source:
                    assert (source["secret"].get("name") or source["secret"]["secretName"]) in secrets


def environment_of_any_platform_container() -> dict[str, str]:
    _, container = next(platform_containers())
    return environment_of(container)


def service_ports(service: Resource) -> set[int]:
    return {port["port"] for port in service["spec"]["ports"]}


def selects(service: Resource, template: Resource) -> bool:
    return bool(service["spec"]["selector"].items() <= template["metadata"]["labels"].items())
