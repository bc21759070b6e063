"""Products, their reviews and ratings, and product deletions."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Sequence
from typing import Any

from agora.graphql.agora import server as contract
from agora.rest.agora_v1 import models
from services.gateway.graphql.context import Context, Info, context_of
from services.gateway.graphql.errors import answered, queried, rest_pages, signed_in_change
from services.gateway.graphql.ids import global_id, id_of
from services.gateway.graphql.pages import connection
from services.platform.context import Principal


async def product_by_id(context: Context, product_id: uuid.UUID) -> models.Product | None:
    """A product for sale or withdrawn, once per request; None when there is none. catalog has no batch read:
    the products a request names are asked for together, one call each."""
    catalog = context.apis.catalog

    async def fetch_many(product_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, models.Product | None]:
        found = await asyncio.gather(*(queried(catalog.get_product(product_id=p)) for p in product_ids))
        return dict(zip(product_ids, found, strict=True))

    product: models.Product | None = await context.loads.loader("products", fetch_many).load(product_id)
    return product


async def user_by_id(context: Context, user_id: uuid.UUID) -> models.User | None:
    """A user, from one BatchGetUsers per turn of the request's loop."""

    async def fetch_many(user_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, models.User]:
        return await answered(context.apis.identity.users(user_ids))

    user: models.User | None = await context.loads.loader("users", fetch_many).load(user_id)
    return user


class ProductResolvers(contract.ProductResolvers):
    async def id(self, parent: models.Product, info: Info) -> str:
        return global_id("Product", parent.id)

    async def price(self, parent: models.Product, info: Info) -> models.Price:
        return parent.price

    async def reviews(
        self, parent: models.Product, info: Info, *, first: int | None = 20, after: str | None = None
    ) -> dict[str, Any]:
        context = context_of(info)
        reviews = context.apis.reviews

        async def first_pages(product_ids: Sequence[uuid.UUID], limit: int) -> dict[uuid.UUID, models.ReviewPage]:
            return await answered(reviews.first_pages(product_ids, limit))

        async def fetch(cursor: str | None, limit: int) -> tuple[list[models.Review], str | None]:
            if cursor is None:  # the first page of every product of this request's lists comes in one call
                loader = context.loads.loader(f"reviews:{limit}", lambda ids: first_pages(ids, limit))
                first_page: models.ReviewPage | None = await loader.load(parent.id)
                return (first_page.items, first_page.next_cursor) if first_page is not None else ([], None)
            page = await queried(reviews.list_product_reviews(product_id=parent.id, cursor=cursor, limit=limit))
            return (page.items, page.next_cursor) if page is not None else ([], None)

        return await connection(fetch, first, after)

    async def rating(self, parent: models.Product, info: Info) -> models.ProductRating:
        """From one BatchGetRatings for every product of the request."""
        reviews = context_of(info).apis.reviews

        async def fetch_many(product_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, models.ProductRating]:
            return await answered(reviews.ratings(product_ids))

        rating: models.ProductRating | None = await context_of(info).loads.loader("ratings", fetch_many).load(parent.id)
        return rating if rating is not None else models.ProductRating(product_id=parent.id, count=0)

    async def my_review(self, parent: models.Product, info: Info) -> models.Review | None:
        context = context_of(info)
        if context.principal is None:
            return None
        return await queried(context.apis.reviews.get_my_review(product_id=parent.id, principal=context.principal))


class ReviewResolvers(contract.ReviewResolvers):
    async def id(self, parent: models.Review, info: Info) -> str:
        return global_id("Review", parent.id)

    async def product(self, parent: models.Review, info: Info) -> models.Product | None:
        return await product_by_id(context_of(info), parent.product_id)

    async def author(self, parent: models.Review, info: Info) -> models.User | None:
        return await user_by_id(context_of(info), parent.author_id)


class ProductDeletionResolvers(contract.ProductDeletionResolvers):
    async def id(self, parent: models.ProductDeletion, info: Info) -> str:
        return global_id("ProductDeletion", parent.id)


class CatalogQueries:
    async def products(
        self,
        parent: Any,
        info: Info,
        *,
        first: int | None = 20,
        after: str | None = None,
        category: str | None = None,
    ) -> dict[str, Any]:
        catalog = context_of(info).apis.catalog
        listing = rest_pages(lambda cursor, limit: catalog.list_products(category=category, cursor=cursor, limit=limit))
        return await connection(listing, first, after)

    async def product(self, parent: Any, info: Info, *, id: str) -> models.Product | None:
        return await product_by_id(context_of(info), id_of("Product", id))

    async def product_deletion(self, parent: Any, info: Info, *, id: str) -> models.ProductDeletion | None:
        context = context_of(info)
        deletion_id = id_of("ProductDeletion", id)
        return await queried(
            context.apis.catalog.get_product_deletion(deletion_id=deletion_id, principal=context.signed_in())
        )


class CatalogMutations:
    async def create_product(self, parent: Any, info: Info, *, input: contract.CreateProductInput) -> dict[str, Any]:
        return await signed_in_change(
            info,
            "product",
            lambda context, principal: context.apis.catalog.create_product(
                body=models.CreateProductRequest.model_validate(dict(input)), principal=principal
            ),
        )

    async def update_product(self, parent: Any, info: Info, *, input: contract.UpdateProductInput) -> dict[str, Any]:
        changes = {key: value for key, value in input.items() if key != "id" and value is not None}
        return await signed_in_change(
            info,
            "product",
            lambda context, principal: context.apis.catalog.update_product(
                product_id=id_of("Product", input["id"]),
                body=models.UpdateProductRequest.model_validate(changes),
                principal=principal,
            ),
        )

    async def delete_product(self, parent: Any, info: Info, *, input: contract.DeleteProductInput) -> dict[str, Any]:
        return await signed_in_change(
            info,
            "deletion",
            lambda context, principal: context.apis.catalog.delete_product(
                product_id=id_of("Product", input["id"]), principal=principal
            ),
        )

    async def write_review(self, parent: Any, info: Info, *, input: contract.WriteReviewInput) -> dict[str, Any]:
        return await signed_in_change(
            info,
            "review",
            lambda context, principal: context.apis.reviews.write_my_review(
                product_id=id_of("Product", input["product_id"]),
                body=models.ReviewRequest.model_validate({"rating": input["rating"], "text": input["text"]}),
                principal=principal,
            ),
        )

    async def delete_review(self, parent: Any, info: Info, *, input: contract.DeleteReviewInput) -> dict[str, Any]:
        async def delete(context: Context, principal: Principal) -> bool:
            product_id = id_of("Product", input["product_id"])
            await context.apis.reviews.delete_my_review(product_id=product_id, principal=principal)
            return True

        return await signed_in_change(info, "deleted", delete, refused=False)
