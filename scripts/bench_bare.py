"""Baselines for scripts/bench_product.py: a bare FastAPI endpoint, a trivial FastAPI -> grpc.aio proxy and server."""

from __future__ import annotations

import argparse
import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from uuid import UUID

import grpc
import uvicorn
from fastapi import FastAPI, HTTPException

from agora.catalog.v1 import catalog_pb2 as pb
from agora.catalog.v1 import catalog_pb2_grpc as pb_grpc
from agora.rest.agora_v1.models import Product
from services.gateway.catalog_api import STATUSES, product_model

# Telemetry off, as on the gateway, so the comparison is of the request path alone.
NO_TELEMETRY: Any = {"tracing": False, "metrics": False, "logs": False}


def bare_app(product_fields: dict[str, Any]) -> FastAPI:
    """One GET route that builds the product model per request and lets FastAPI validate and serialize it."""
    app = FastAPI(title="bare", openapi_url=None, docs_url=None, redoc_url=None, telemetry=NO_TELEMETRY)
    known_id = UUID(product_fields["id"])

    @app.get("/v1/products/{product_id}")
    async def get_product(product_id: UUID) -> Product:
        if product_id != known_id:
            raise HTTPException(status_code=404, detail="no such product")
        return Product.model_validate(product_fields)

    return app


def proxy_app(grpc_address: str) -> FastAPI:
    """The same route as a trivial proxy: one grpc.aio call per request, the reply turned into the model."""
    stubs: dict[str, Any] = {}

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with grpc.aio.insecure_channel(grpc_address) as channel:
            stubs["catalog"] = pb_grpc.CatalogServiceStub(channel)
            yield

    app = FastAPI(title="proxy", openapi_url=None, docs_url=None, redoc_url=None, telemetry=NO_TELEMETRY,
                  lifespan=lifespan)  # fmt: skip

    @app.get("/v1/products/{product_id}")
    async def get_product(product_id: UUID) -> Product:
        reply = await stubs["catalog"].GetProduct(pb.GetProductRequest(product_id=str(product_id)), timeout=5)
        return product_model(reply.product)

    return app


WIRE_OF = {status: wire for wire, status in STATUSES.items()}


def product_message(product_fields: dict[str, Any]) -> pb.Product:
    product = Product.model_validate(product_fields)
    message = pb.Product(
        id=str(product.id), name=product.name, description=product.description, category=product.category,
        stock=product.stock, status=WIRE_OF[product.status],
    )  # fmt: skip
    message.price.amount, message.price.currency = product.price.amount, product.price.currency
    message.created_at.FromDatetime(product.created_at)
    message.updated_at.FromDatetime(product.updated_at)
    return message


async def serve_trivial_grpc(port: int, product_fields: dict[str, Any]) -> None:
    """A catalog stand-in that answers every GetProduct with the same product and does nothing else."""
    reply = pb.GetProductResponse(product=product_message(product_fields))

    class TrivialCatalog(pb_grpc.CatalogServiceServicer):
        async def GetProduct(self, request: pb.GetProductRequest, context: Any) -> pb.GetProductResponse:
            return reply

    server = grpc.aio.server()
    pb_grpc.add_CatalogServiceServicer_to_server(TrivialCatalog(), server)  # type: ignore[abstract]
    server.add_insecure_port(f"127.0.0.1:{port}")
    await server.start()
    await server.wait_for_termination()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("mode", choices=["bare", "proxy", "trivial-grpc"])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--product-file", type=Path, required=True, help="the gateway's JSON body for the product")
    parser.add_argument("--grpc-address", help="where the trivial gRPC server listens (proxy mode)")
    args = parser.parse_args()
    product_fields = json.loads(args.product_file.read_text())
    if args.mode == "trivial-grpc":
        asyncio.run(serve_trivial_grpc(args.port, product_fields))
        return
    app = bare_app(product_fields) if args.mode == "bare" else proxy_app(args.grpc_address)
    # The gateway's uvicorn settings (services/cli.py run_gateway), with the app object instead of a factory.
    uvicorn.run(app, host="127.0.0.1", port=args.port, workers=1, loop="uvloop", http="httptools",
                log_config=None, access_log=False)  # fmt: skip


if __name__ == "__main__":
    main()
