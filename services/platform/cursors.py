"""Opaque page cursors: the id of the last item a page held, url-safe; any well-formed one is a valid position."""

from __future__ import annotations

import base64
import binascii
import uuid

from services.platform.errors import InvalidArgument


class InvalidCursor(InvalidArgument):
    code = "invalid_cursor"


def encode_cursor(last_id: uuid.UUID) -> str:
    return base64.urlsafe_b64encode(last_id.bytes).rstrip(b"=").decode()


def decode_cursor(cursor: str) -> uuid.UUID:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        return uuid.UUID(bytes=raw)
    except (binascii.Error, ValueError):
        raise InvalidCursor("the cursor is not one this service issued") from None
