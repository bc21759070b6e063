from typing import Optional

from .base_model import BaseModel
from .fragments import LoanFields


class Loan(BaseModel):
    loan: Optional["LoanLoan"]


LoanLoan = LoanFields
Loan.model_rebuild()
