"""Notifications: each with its details as key-value pairs, and marking one read."""

from __future__ import annotations

from typing import Any

from agora.graphql.agora import server as contract
from agora.rest.agora_v1 import models
from services.gateway.graphql.context import Info
from services.gateway.graphql.errors import signed_in_change
from services.gateway.graphql.ids import global_id, id_of


class NotificationResolvers(contract.NotificationResolvers):
    async def id(self, parent: models.Notification, info: Info) -> str:
        return global_id("Notification", parent.id)

    async def data(self, parent: models.Notification, info: Info) -> list[dict[str, str]]:
        return [{"key": key, "value": value} for key, value in sorted(parent.data.items())]


class NotificationMutations:
    async def mark_notification_read(
        self, parent: Any, info: Info, *, input: contract.MarkNotificationReadInput
    ) -> dict[str, Any]:
        return await signed_in_change(
            info,
            "notification",
            lambda context, principal: context.apis.notifications.mark_notification_read(
                notification_id=id_of("Notification", input["id"]), principal=principal
            ),
        )
