"""Opaque global ids: the type's name and the object's UUID, base64url-encoded, so `node(id:)` knows what to fetch."""

from __future__ import annotations

import base64
import binascii
import uuid

from graphql import GraphQLError

from services.gateway.graphql.codes import BAD_USER_INPUT


class InvalidId(GraphQLError):
    def __init__(self, message: str) -> None:
        super().__init__(message, extensions={"code": BAD_USER_INPUT, "reason": "invalid_id"})


def opaque(text: str) -> str:
    """Text as an opaque token (ids, cursors): base64url without padding."""
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def unwrapped(token: str) -> str:
    """The text an `opaque` token holds; binascii.Error or UnicodeDecodeError when it holds none."""
    return base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()


def global_id(type_name: str, object_id: uuid.UUID | str) -> str:
    return opaque(f"{type_name}:{object_id}")


def parse_global_id(value: str) -> tuple[str, uuid.UUID]:
    """The type name and UUID a global id names; `InvalidId` when it names none."""
    try:
        decoded = unwrapped(value)
        type_name, _, object_id = decoded.partition(":")
        return type_name, uuid.UUID(object_id)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise InvalidId(f"{value!r} is not an Agora id") from None


def id_of(type_name: str, value: str) -> uuid.UUID:
    """The UUID of a global id that must name a `type_name`."""
    found, object_id = parse_global_id(value)
    if found != type_name:
        raise InvalidId(f"{value!r} is not the id of a {type_name}")
    return object_id
