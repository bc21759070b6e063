"""What travels with a request: its id and the authenticated caller, as context variables."""

from __future__ import annotations

import uuid
from contextvars import ContextVar
from dataclasses import dataclass

REQUEST_ID_HEADER = "x-request-id"
USER_ID_METADATA = "x-agora-user-id"
ROLE_METADATA = "x-agora-role"

request_id: ContextVar[str] = ContextVar("request_id", default="-")


@dataclass(frozen=True, slots=True)
class Principal:
    """The caller, as proven by a verified access token."""

    user_id: str
    role: str

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


def new_request_id() -> str:
    return uuid.uuid4().hex
