"""A bare FastAPI app serving one product the way a typical endpoint would: scripts/bench.py's baseline."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any
from uuid import UUID

import uvicorn
from fastapi import FastAPI, HTTPException

from agora.rest.agora_v1.models import Product


def create_app(product_fields: dict[str, Any]) -> FastAPI:
    """One GET route that builds the product model per request and lets FastAPI validate and serialize it."""
    app = FastAPI(title="bare baseline", openapi_url=None, docs_url=None, redoc_url=None)
    known_id = UUID(product_fields["id"])

    @app.get("/v1/products/{product_id}")
    async def get_product(product_id: UUID) -> Product:
        if product_id != known_id:
            raise HTTPException(status_code=404, detail="no such product")
        return Product.model_validate(product_fields)

    return app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--product-file", type=Path, required=True, help="the gateway's JSON body for the product")
    args = parser.parse_args()
    product_fields = json.loads(args.product_file.read_text())
    # The gateway's uvicorn settings (services/cli.py run_gateway), with the app object instead of a factory.
    uvicorn.run(
        create_app(product_fields),
        host="127.0.0.1",
        port=args.port,
        workers=1,
        loop="uvloop",
        http="httptools",
        log_config=None,
        access_log=False,
    )


if __name__ == "__main__":
    main()
