from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .fragments import CreditApplicationFields, PageInfoFields


class CreditApplications(BaseModel):
    viewer: Optional["CreditApplicationsViewer"]


class CreditApplicationsViewer(BaseModel):
    credit_applications: "CreditApplicationsViewerCreditApplications" = Field(
        alias="creditApplications"
    )


class CreditApplicationsViewerCreditApplications(BaseModel):
    nodes: list["CreditApplicationsViewerCreditApplicationsNodes"]
    page_info: "CreditApplicationsViewerCreditApplicationsPageInfo" = Field(
        alias="pageInfo"
    )


CreditApplicationsViewerCreditApplicationsNodes = CreditApplicationFields
CreditApplicationsViewerCreditApplicationsPageInfo = PageInfoFields
CreditApplications.model_rebuild()
CreditApplicationsViewer.model_rebuild()
CreditApplicationsViewerCreditApplications.model_rebuild()
