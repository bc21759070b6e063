from pydantic import Field

from .base_model import BaseModel


class CreditStatistics(BaseModel):
    credit_statistics: "CreditStatisticsCreditStatistics" = Field(
        alias="creditStatistics"
    )


class CreditStatisticsCreditStatistics(BaseModel):
    requests: "CreditStatisticsCreditStatisticsRequests"
    results: "CreditStatisticsCreditStatisticsResults"
    offers: "CreditStatisticsCreditStatisticsOffers"
    conversion: "CreditStatisticsCreditStatisticsConversion"


class CreditStatisticsCreditStatisticsRequests(BaseModel):
    count: int
    amount: "CreditStatisticsCreditStatisticsRequestsAmount"
    average_term_months: float = Field(alias="averageTermMonths")
    average_age: float = Field(alias="averageAge")
    average_annual_income: float = Field(alias="averageAnnualIncome")
    by_purpose: list["CreditStatisticsCreditStatisticsRequestsByPurpose"] = Field(
        alias="byPurpose"
    )
    by_employment: list["CreditStatisticsCreditStatisticsRequestsByEmployment"] = Field(
        alias="byEmployment"
    )


class CreditStatisticsCreditStatisticsRequestsAmount(BaseModel):
    count: int
    average: float
    minimum: int
    maximum: int


class CreditStatisticsCreditStatisticsRequestsByPurpose(BaseModel):
    key: str
    count: int


class CreditStatisticsCreditStatisticsRequestsByEmployment(BaseModel):
    key: str
    count: int


class CreditStatisticsCreditStatisticsResults(BaseModel):
    count: int
    approved: int
    approval_rate: float = Field(alias="approvalRate")
    score: "CreditStatisticsCreditStatisticsResultsScore"
    by_risk: list["CreditStatisticsCreditStatisticsResultsByRisk"] = Field(
        alias="byRisk"
    )
    by_rejection_reason: list[
        "CreditStatisticsCreditStatisticsResultsByRejectionReason"
    ] = Field(alias="byRejectionReason")


class CreditStatisticsCreditStatisticsResultsScore(BaseModel):
    count: int
    average: float
    minimum: int
    maximum: int


class CreditStatisticsCreditStatisticsResultsByRisk(BaseModel):
    key: str
    count: int


class CreditStatisticsCreditStatisticsResultsByRejectionReason(BaseModel):
    key: str
    count: int


class CreditStatisticsCreditStatisticsOffers(BaseModel):
    count: int
    amount: "CreditStatisticsCreditStatisticsOffersAmount"
    rate: "CreditStatisticsCreditStatisticsOffersRate"
    monthly_payment: "CreditStatisticsCreditStatisticsOffersMonthlyPayment" = Field(
        alias="monthlyPayment"
    )
    by_product: list["CreditStatisticsCreditStatisticsOffersByProduct"] = Field(
        alias="byProduct"
    )


class CreditStatisticsCreditStatisticsOffersAmount(BaseModel):
    count: int
    average: float
    minimum: int
    maximum: int


class CreditStatisticsCreditStatisticsOffersRate(BaseModel):
    count: int
    average: float
    minimum: int
    maximum: int


class CreditStatisticsCreditStatisticsOffersMonthlyPayment(BaseModel):
    count: int
    average: float
    minimum: int
    maximum: int


class CreditStatisticsCreditStatisticsOffersByProduct(BaseModel):
    key: str
    count: int


class CreditStatisticsCreditStatisticsConversion(BaseModel):
    request_to_approval: float = Field(alias="requestToApproval")
    approval_to_offer: float = Field(alias="approvalToOffer")
    request_to_offer: float = Field(alias="requestToOffer")


CreditStatistics.model_rebuild()
CreditStatisticsCreditStatistics.model_rebuild()
CreditStatisticsCreditStatisticsRequests.model_rebuild()
CreditStatisticsCreditStatisticsResults.model_rebuild()
CreditStatisticsCreditStatisticsOffers.model_rebuild()
