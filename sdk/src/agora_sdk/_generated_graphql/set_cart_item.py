from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .fragments import MoneyFields, UserErrorFields


class SetCartItem(BaseModel):
    set_cart_item: "SetCartItemSetCartItem" = Field(alias="setCartItem")


class SetCartItemSetCartItem(BaseModel):
    cart: Optional["SetCartItemSetCartItemCart"]
    user_errors: list["SetCartItemSetCartItemUserErrors"] = Field(alias="userErrors")


class SetCartItemSetCartItemCart(BaseModel):
    totals: list["SetCartItemSetCartItemCartTotals"]


SetCartItemSetCartItemCartTotals = MoneyFields
SetCartItemSetCartItemUserErrors = UserErrorFields
SetCartItem.model_rebuild()
SetCartItemSetCartItem.model_rebuild()
SetCartItemSetCartItemCart.model_rebuild()
