from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .fragments import PageInfoFields, TransactionFields


class Transactions(BaseModel):
    viewer: Optional["TransactionsViewer"]


class TransactionsViewer(BaseModel):
    transactions: "TransactionsViewerTransactions"


class TransactionsViewerTransactions(BaseModel):
    nodes: list["TransactionsViewerTransactionsNodes"]
    page_info: "TransactionsViewerTransactionsPageInfo" = Field(alias="pageInfo")


TransactionsViewerTransactionsNodes = TransactionFields
TransactionsViewerTransactionsPageInfo = PageInfoFields
Transactions.model_rebuild()
TransactionsViewer.model_rebuild()
TransactionsViewerTransactions.model_rebuild()
