"""deploy/grafana/agora-dashboard.json: every query asks for series the platform exports, the right way."""

from __future__ import annotations

import json
import re
from typing import Any

from prometheus_client.metrics import MetricWrapperBase

from services.platform import metrics
from tests.deploy.environment import DEPLOY

DASHBOARD = json.loads((DEPLOY / "grafana" / "agora-dashboard.json").read_text())
DATASOURCE = {"type": "prometheus", "uid": "${DS_PROMETHEUS}"}
# The series prometheus_client exposes for each kind of metric family (counters' family names lack `_total`).
SUFFIXES = {"counter": ["_total"], "histogram": ["_bucket", "_sum", "_count"], "gauge": [""]}
METRIC = re.compile(r"\bagora_\w+")


def exported_series() -> dict[str, tuple[str, str]]:
    """Every series name the platform's metrics (services/platform/metrics.py) expose, with its family's name and
    kind. Read from the module, not the whole registry, so what else a test run imported does not count."""
    return {
        family.name + suffix: (family.name, family.type)
        for metric in vars(metrics).values()
        if isinstance(metric, MetricWrapperBase)
        for family in metric.collect()
        for suffix in SUFFIXES[family.type]
    }


def panels(container: dict[str, Any]) -> list[dict[str, Any]]:
    found = []
    for panel in container.get("panels", []):
        found.append(panel)
        found.extend(panels(panel))  # a collapsed row holds its panels
    return found


def queries() -> list[str]:
    return [target["expr"] for panel in panels(DASHBOARD) for target in panel.get("targets", [])]


def test_every_query_asks_for_series_the_platform_exports() -> None:
    exported = exported_series()
    for expr in queries():
        names = METRIC.findall(expr)

        assert names, f"no platform metric in {expr!r}"
        assert set(names) <= exported.keys(), f"{expr!r} asks for {set(names) - exported.keys()}"


def test_every_metric_the_platform_exports_is_on_the_dashboard() -> None:
    exported = exported_series()
    families = {family for family, _ in exported.values()}
    shown = {exported[name][0] for expr in queries() for name in METRIC.findall(expr) if name in exported}

    assert families == shown, f"no panel for {families - shown}"


def test_rates_are_taken_of_counters_only() -> None:
    exported = exported_series()
    for expr in queries():
        for name in re.findall(r"\b(?:rate|increase)\(\s*(agora_\w+)", expr):
            assert exported[name][1] in {"counter", "histogram"}, f"{expr!r}: rate of the gauge {name}"


def test_quantiles_are_estimated_from_buckets_grouped_by_le() -> None:
    for expr in queries():
        if "histogram_quantile" in expr:
            assert all(name.endswith("_bucket") for name in METRIC.findall(expr)), expr
            assert all("le" in re.split(r",\s*", group) for group in re.findall(r"by \(([^)]*)\)", expr)), expr


def test_every_panel_queries_the_prometheus_the_viewer_picks() -> None:
    [variable] = DASHBOARD["templating"]["list"]
    queried = [panel for panel in panels(DASHBOARD) if "targets" in panel]

    assert (variable["name"], variable["type"], variable["query"]) == ("DS_PROMETHEUS", "datasource", "prometheus")
    assert queried
    assert all(panel["datasource"] == DATASOURCE for panel in queried)
    assert all(target["datasource"] == DATASOURCE for panel in queried for target in panel["targets"])


def test_panels_have_distinct_ids_and_fit_the_grid() -> None:
    every = panels(DASHBOARD)

    assert len({panel["id"] for panel in every}) == len(every)
    assert all(panel["gridPos"]["x"] >= 0 and panel["gridPos"]["x"] + panel["gridPos"]["w"] <= 24 for panel in every)
    assert DASHBOARD["schemaVersion"] >= 39
