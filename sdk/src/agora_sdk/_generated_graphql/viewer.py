from datetime import datetime
from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import Role
from .fragments import MoneyFields


class Viewer(BaseModel):
    viewer: Optional["ViewerViewer"]


class ViewerViewer(BaseModel):
    user: "ViewerViewerUser"
    balances: list["ViewerViewerBalances"]


class ViewerViewerUser(BaseModel):
    id: str
    username: str
    role: Role
    created_at: datetime = Field(alias="createdAt")


ViewerViewerBalances = MoneyFields
Viewer.model_rebuild()
ViewerViewer.model_rebuild()
