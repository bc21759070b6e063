"""Opaque page cursors: the id of the last item a page held, url-safe; any well-formed one is a valid position."""

from __future__ import annotations

import base64
import binascii
import uuid

from services.platform.errors import InvalidArgument

MAX_PAGE = 100
"""The most items a listing returns at once, in every service."""


class InvalidCursor(InvalidArgument):
    code = "invalid_cursor"


def page_size(limit: int, default: int = 20) -> int:
    """The page size a listing asked for: 1 to MAX_PAGE, or (0: proto3's unset) the listing's default."""
    if not 0 <= limit <= MAX_PAGE:
        raise InvalidArgument(f"limit must be between 1 and {MAX_PAGE}")
    return limit or default


def encode_cursor(last_id: uuid.UUID) -> str:
    return base64.urlsafe_b64encode(last_id.bytes).rstrip(b"=").decode()


def decode_cursor(cursor: str) -> uuid.UUID:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        return uuid.UUID(bytes=raw)
    except (binascii.Error, ValueError):
        raise InvalidCursor("the cursor is not one this service issued") from None
