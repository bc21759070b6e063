"""A minimal OTLP trace receiver (gRPC) keeping what it is sent, for tests and benchmarks that turn tracing on."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent import futures
from contextlib import contextmanager
from typing import Any

import grpc
from opentelemetry.proto.collector.trace.v1 import trace_service_pb2, trace_service_pb2_grpc


class Collector(trace_service_pb2_grpc.TraceServiceServicer):
    """Every span it is sent, with the name of the service that sent it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._spans: list[tuple[str, Any]] = []

    def Export(self, request: Any, context: Any) -> Any:
        with self._lock:
            for resource_spans in request.resource_spans:
                attributes = {kv.key: kv.value.string_value for kv in resource_spans.resource.attributes}
                for scope_spans in resource_spans.scope_spans:
                    self._spans.extend((attributes["service.name"], span) for span in scope_spans.spans)
        return trace_service_pb2.ExportTraceServiceResponse()

    def in_trace(self, trace_id: str) -> list[tuple[str, Any]]:
        """The spans of one trace (its id in hex), with their services."""
        with self._lock:
            return [(service, span) for service, span in self._spans if span.trace_id.hex() == trace_id]

    def count(self) -> int:
        with self._lock:
            return len(self._spans)


@contextmanager
def collecting(port: int) -> Iterator[Collector]:
    """A collector listening on 127.0.0.1:`port` for the block."""
    collector = Collector()
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=4))
    trace_service_pb2_grpc.add_TraceServiceServicer_to_server(collector, server)  # type: ignore[no-untyped-call]
    server.add_insecure_port(f"127.0.0.1:{port}")
    server.start()
    try:
        yield collector
    finally:
        server.stop(grace=None)
