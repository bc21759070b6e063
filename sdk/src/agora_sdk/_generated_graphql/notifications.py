from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .fragments import NotificationFields, PageInfoFields


class Notifications(BaseModel):
    viewer: Optional["NotificationsViewer"]


class NotificationsViewer(BaseModel):
    notifications: "NotificationsViewerNotifications"


class NotificationsViewerNotifications(BaseModel):
    nodes: list["NotificationsViewerNotificationsNodes"]
    page_info: "NotificationsViewerNotificationsPageInfo" = Field(alias="pageInfo")


NotificationsViewerNotificationsNodes = NotificationFields
NotificationsViewerNotificationsPageInfo = PageInfoFields
Notifications.model_rebuild()
NotificationsViewer.model_rebuild()
NotificationsViewerNotifications.model_rebuild()
