"""identity's outgoing events, as envelopes for the outbox."""

from __future__ import annotations

from agora.events.v1.envelope_pb2 import Envelope
from agora.events.v1.identity_pb2 import UserRegistered
from services.identity.domain import User
from services.platform.events import wrap

PRODUCER = "identity"


def user_registered(user: User) -> Envelope:
    event = UserRegistered(user_id=str(user.id), username=user.username)
    event.registered_at.FromDatetime(user.created_at)
    return wrap(event, producer=PRODUCER)
