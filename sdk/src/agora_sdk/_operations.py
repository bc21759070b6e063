"""Where each operation of the contract (agora.v1.yaml, by operationId) lives on a client."""

from __future__ import annotations

from typing import Final

OPERATIONS: Final[dict[str, str]] = {
    "register": "identity.register",
    "login": "identity.login",
    "refreshTokens": "identity.refresh",
    "logout": "identity.logout",
    "getCurrentUser": "identity.me",
    "listProducts": "catalog.products.list",
    "getProduct": "catalog.products.get",
    "createProduct": "catalog.products.create",
    "updateProduct": "catalog.products.update",
    "deleteProduct": "catalog.products.delete",
    "getBalances": "wallet.balances",
    "listWalletTransactions": "wallet.transactions.list",
    "transfer": "wallet.transfer",
    "convertCurrency": "wallet.convert",
    "topUp": "wallet.top_up",
    "charge": "wallet.charge",
    "refund": "wallet.refund",
    "listRates": "wallet.rates.list",
    "setRate": "wallet.rates.set",
    "getCart": "customers.cart.get",
    "setCartItem": "customers.cart.set_item",
    "removeCartItem": "customers.cart.remove_item",
    "listFavourites": "customers.favourites.list",
    "addFavourite": "customers.favourites.add",
    "removeFavourite": "customers.favourites.remove",
    "placeOrder": "orders.place",
    "listOrders": "orders.list",
    "getOrder": "orders.get",
    "getOrderTimeline": "orders.timeline",
    "cancelOrder": "orders.cancel",
    "shipOrder": "orders.ship",
    "deliverOrder": "orders.deliver",
    "listNotifications": "notifications.list",
    "markNotificationRead": "notifications.mark_read",
}
