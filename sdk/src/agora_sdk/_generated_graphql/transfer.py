from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .fragments import TransactionFields, UserErrorFields


class Transfer(BaseModel):
    transfer: "TransferTransfer"


class TransferTransfer(BaseModel):
    transaction: Optional["TransferTransferTransaction"]
    user_errors: list["TransferTransferUserErrors"] = Field(alias="userErrors")


TransferTransferTransaction = TransactionFields
TransferTransferUserErrors = UserErrorFields
Transfer.model_rebuild()
TransferTransfer.model_rebuild()
