from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .fragments import NotificationFields, UserErrorFields


class MarkNotificationRead(BaseModel):
    mark_notification_read: "MarkNotificationReadMarkNotificationRead" = Field(
        alias="markNotificationRead"
    )


class MarkNotificationReadMarkNotificationRead(BaseModel):
    notification: Optional["MarkNotificationReadMarkNotificationReadNotification"]
    user_errors: list["MarkNotificationReadMarkNotificationReadUserErrors"] = Field(
        alias="userErrors"
    )


MarkNotificationReadMarkNotificationReadNotification = NotificationFields
MarkNotificationReadMarkNotificationReadUserErrors = UserErrorFields
MarkNotificationRead.model_rebuild()
MarkNotificationReadMarkNotificationRead.model_rebuild()
