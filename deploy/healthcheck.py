#!/usr/bin/env python3
"""The image's health check: `agora-healthcheck HOST:PORT` asks a service's gRPC health service,
`agora-healthcheck http://HOST:PORT/PATH` an HTTP endpoint (the gateway's /readyz); exit status 0 means serving."""

from __future__ import annotations

import sys
import urllib.request
from typing import Any

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

TIMEOUT_SECONDS = 2.0


def grpc_serving(address: str) -> bool:
    with grpc.insecure_channel(address) as channel:
        stub: Any = health_pb2_grpc.HealthStub(channel)  # the stubs' HealthStub declares no methods
        reply = stub.Check(health_pb2.HealthCheckRequest(), timeout=TIMEOUT_SECONDS)
    return bool(reply.status == health_pb2.HealthCheckResponse.SERVING)


def http_ok(url: str) -> bool:
    with urllib.request.urlopen(url, timeout=TIMEOUT_SECONDS) as response:
        return bool(response.status == 200)


def main(target: str) -> int:
    try:
        serving = http_ok(target) if target.startswith(("http://", "https://")) else grpc_serving(target)
    except (grpc.RpcError, OSError) as error:  # OSError: refused, timed out, or an HTTP error status
        print(f"{target}: {error}", file=sys.stderr)
        return 1
    if not serving:
        print(f"{target}: not serving", file=sys.stderr)
    return 0 if serving else 1


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(f"usage: {sys.argv[0]} HOST:PORT | URL")
    sys.exit(main(sys.argv[1]))
