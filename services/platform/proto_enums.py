"""Reading protobuf enums by name: buf style prefixes each member with its enum's name (RISK_BAND_LOW)."""

from __future__ import annotations

from typing import Any


def member_name(enum: Any, value: int, prefix: str) -> str:
    """The name of a protobuf enum value without its prefix: member_name(RiskBand, 1, "RISK_BAND_") is "LOW"."""
    name: str = enum.Name(value)
    return name.removeprefix(prefix)
