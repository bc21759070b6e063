from datetime import datetime
from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .fragments import UserErrorFields


class AddFavourite(BaseModel):
    add_favourite: "AddFavouriteAddFavourite" = Field(alias="addFavourite")


class AddFavouriteAddFavourite(BaseModel):
    favourite: Optional["AddFavouriteAddFavouriteFavourite"]
    user_errors: list["AddFavouriteAddFavouriteUserErrors"] = Field(alias="userErrors")


class AddFavouriteAddFavouriteFavourite(BaseModel):
    product: Optional["AddFavouriteAddFavouriteFavouriteProduct"]
    added_at: datetime = Field(alias="addedAt")


class AddFavouriteAddFavouriteFavouriteProduct(BaseModel):
    id: str
    name: str


AddFavouriteAddFavouriteUserErrors = UserErrorFields
AddFavourite.model_rebuild()
AddFavouriteAddFavourite.model_rebuild()
AddFavouriteAddFavouriteFavourite.model_rebuild()
