"""OpenTelemetry traces across REST, gRPC and events: off unless configured, and then W3C trace context end to end.

A request's trace starts at the gateway (continuing the caller's `traceparent`, which the answer returns), goes
with every gRPC call in its metadata, and is written into each event's envelope (`trace_context`), so the
consumers that handle the event continue it. Off (the default) costs one boolean test per hook: no span is
made, no header read or written.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, MutableMapping
from contextlib import contextmanager
from typing import Any

from opentelemetry import trace
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import SpanProcessor, TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor
from opentelemetry.trace import Span, SpanKind
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

from services.platform.settings import Settings

PROPAGATOR = TraceContextTextMapPropagator()
TRACEPARENT = "traceparent"

_tracer: trace.Tracer | None = None


def configure_tracing(settings: Settings, service: str) -> None:
    """Exports this process's spans over OTLP when `AGORA_TRACING=otlp`; otherwise leaves tracing off."""
    if settings.tracing == "otlp" and _tracer is None:
        from opentelemetry.exporter.otlp.proto.grpc.trace_exporter import OTLPSpanExporter

        start_tracing(BatchSpanProcessor(OTLPSpanExporter()), service)


def start_tracing(processor: SpanProcessor, service: str) -> None:
    """Records spans from now on, handing each finished one to `processor` (an exporter's, or a test's)."""
    global _tracer
    provider = TracerProvider(resource=Resource.create({"service.name": service}))
    provider.add_span_processor(processor)
    _tracer = provider.get_tracer("agora")


def stop_tracing() -> None:
    global _tracer
    _tracer = None


def enabled() -> bool:
    return _tracer is not None


@contextmanager
def span(
    name: str, kind: SpanKind, carrier: Mapping[str, Any] | None = None, attributes: dict[str, str] | None = None
) -> Iterator[Span]:
    """A span made current for the block; a child of the trace in `carrier` when given, else of the current one."""
    assert _tracer is not None, "tracing is off: test enabled() first"
    parent = PROPAGATOR.extract(carrier) if carrier is not None else None
    with _tracer.start_as_current_span(name, context=parent, kind=kind, attributes=attributes) as current:
        yield current


def inject(carrier: MutableMapping[str, str], of: Span | None = None) -> None:
    """Writes the trace context (`traceparent`, `tracestate`) of `of`, or of the current span, into `carrier`."""
    PROPAGATOR.inject(carrier, context=trace.set_span_in_context(of) if of is not None else None)


def current_trace_id() -> str | None:
    """The current trace's id in hex, for logs; None outside a recorded span."""
    context = trace.get_current_span().get_span_context()
    return format(context.trace_id, "032x") if context.is_valid else None
