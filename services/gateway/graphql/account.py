"""The signed-in user (`viewer`): account, cart, favourites, and signing up, in and out."""

from __future__ import annotations

import uuid
from typing import Any

from agora.graphql.agora import server as contract
from agora.rest.agora_v1 import models
from services.gateway.graphql.catalog import product_by_id, user_by_id
from services.gateway.graphql.context import Context, Info, context_of
from services.gateway.graphql.credit import CreditViewer
from services.gateway.graphql.errors import answered, mutated, rest_pages, signed_in_change
from services.gateway.graphql.ids import global_id, id_of
from services.gateway.graphql.pages import connection
from services.platform.context import Principal


class ViewerResolvers(CreditViewer, contract.ViewerResolvers):
    """The viewer is the request's Principal; each field asks the service that keeps it."""

    async def user(self, parent: Principal, info: Info) -> models.User | None:
        return await user_by_id(context_of(info), uuid.UUID(parent.user_id))

    async def cart(self, parent: Principal, info: Info) -> models.Cart:
        return await answered(context_of(info).apis.customers.get_cart(principal=parent))

    async def favourites(
        self, parent: Principal, info: Info, *, first: int | None = 20, after: str | None = None
    ) -> dict[str, Any]:
        customers = context_of(info).apis.customers
        listing = rest_pages(
            lambda cursor, limit: customers.list_favourites(cursor=cursor, limit=limit, principal=parent)
        )
        return await connection(listing, first, after)

    async def balances(self, parent: Principal, info: Info) -> list[models.Money]:
        return (await answered(context_of(info).apis.wallet.get_balances(principal=parent))).items

    async def transactions(
        self, parent: Principal, info: Info, *, first: int | None = 20, after: str | None = None
    ) -> dict[str, Any]:
        wallet = context_of(info).apis.wallet
        listing = rest_pages(
            lambda cursor, limit: wallet.list_wallet_transactions(cursor=cursor, limit=limit, principal=parent)
        )
        return await connection(listing, first, after)

    async def orders(
        self,
        parent: Principal,
        info: Info,
        *,
        first: int | None = 20,
        after: str | None = None,
        status: str | None = None,
    ) -> dict[str, Any]:
        orders = context_of(info).apis.orders
        listing = rest_pages(
            lambda cursor, limit: orders.list_orders(status=status, cursor=cursor, limit=limit, principal=parent)  # type: ignore[arg-type]
        )
        return await connection(listing, first, after)

    async def notifications(
        self, parent: Principal, info: Info, *, first: int | None = 20, after: str | None = None
    ) -> dict[str, Any]:
        notifications = context_of(info).apis.notifications
        listing = rest_pages(
            lambda cursor, limit: notifications.list_notifications(cursor=cursor, limit=limit, principal=parent)
        )
        return await connection(listing, first, after)

    async def rates(self, parent: Principal, info: Info) -> list[models.Rate]:
        return (await answered(context_of(info).apis.wallet.list_rates(principal=parent))).items


class UserResolvers(contract.UserResolvers):
    async def id(self, parent: models.User, info: Info) -> str:
        return global_id("User", parent.id)


class CartResolvers(contract.CartResolvers):
    async def lines(self, parent: models.Cart, info: Info) -> list[models.CartLine]:
        return parent.lines

    async def totals(self, parent: models.Cart, info: Info) -> list[models.Total]:
        return parent.totals


class CartLineResolvers(contract.CartLineResolvers):
    async def product(self, parent: models.CartLine, info: Info) -> models.Product | None:
        return await product_by_id(context_of(info), parent.product_id)

    async def unit_price(self, parent: models.CartLine, info: Info) -> models.Price | None:
        return parent.unit_price

    async def line_total(self, parent: models.CartLine, info: Info) -> models.Total | None:
        return parent.line_total


class FavouriteResolvers(contract.FavouriteResolvers):
    async def product(self, parent: models.Favourite, info: Info) -> models.Product | None:
        return await product_by_id(context_of(info), parent.product_id)


def signed_in_payload(tokens: models.TokenPair | None) -> dict[str, Any]:
    if tokens is None:
        return {"access_token": None, "refresh_token": None, "expires_in": None}
    return {"access_token": tokens.access_token, "refresh_token": tokens.refresh_token, "expires_in": tokens.expires_in}


class AccountMutations:
    async def register(self, parent: Any, info: Info, *, input: contract.RegisterInput) -> dict[str, Any]:
        identity = context_of(info).apis.identity

        async def register() -> models.User:
            return await identity.register(body=models.RegisterRequest(**input))

        return await mutated("user", register)

    async def log_in(self, parent: Any, info: Info, *, input: contract.LogInInput) -> dict[str, Any]:
        identity = context_of(info).apis.identity

        async def log_in() -> models.TokenPair:
            return await identity.login(body=models.LoginRequest(**input))

        payload = await mutated("tokens", log_in)
        return signed_in_payload(payload.pop("tokens")) | payload

    async def refresh_tokens(self, parent: Any, info: Info, *, input: contract.RefreshTokensInput) -> dict[str, Any]:
        identity = context_of(info).apis.identity

        async def refresh() -> models.TokenPair:
            return await identity.refresh_tokens(body=models.RefreshRequest(refresh_token=input["refresh_token"]))

        payload = await mutated("tokens", refresh)
        return signed_in_payload(payload.pop("tokens")) | payload

    async def log_out(self, parent: Any, info: Info, *, input: contract.LogOutInput) -> dict[str, Any]:
        identity = context_of(info).apis.identity

        async def log_out() -> bool:
            await identity.logout(body=models.LogoutRequest(refresh_token=input["refresh_token"]))
            return True

        return await mutated("logged_out", log_out, refused=False)

    async def set_cart_item(self, parent: Any, info: Info, *, input: contract.SetCartItemInput) -> dict[str, Any]:
        return await signed_in_change(
            info,
            "cart",
            lambda context, principal: context.apis.customers.set_cart_item(
                body=models.CartItemRequest(quantity=input["quantity"]),
                product_id=id_of("Product", input["product_id"]),
                principal=principal,
            ),
        )

    async def remove_cart_item(self, parent: Any, info: Info, *, input: contract.RemoveCartItemInput) -> dict[str, Any]:
        return await signed_in_change(
            info,
            "cart",
            lambda context, principal: context.apis.customers.remove_cart_item(
                product_id=id_of("Product", input["product_id"]), principal=principal
            ),
        )

    async def add_favourite(self, parent: Any, info: Info, *, input: contract.AddFavouriteInput) -> dict[str, Any]:
        return await signed_in_change(
            info,
            "favourite",
            lambda context, principal: context.apis.customers.add_favourite(
                product_id=id_of("Product", input["product_id"]), principal=principal
            ),
        )

    async def remove_favourite(
        self, parent: Any, info: Info, *, input: contract.RemoveFavouriteInput
    ) -> dict[str, Any]:
        async def remove(context: Context, principal: Principal) -> bool:
            product_id = id_of("Product", input["product_id"])
            await context.apis.customers.remove_favourite(product_id=product_id, principal=principal)
            return True

        return await signed_in_change(info, "removed", remove, refused=False)
