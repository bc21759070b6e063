"""The contract's custom scalars: MinorUnits (a JSON-safe integer), DateTime (RFC 3339, UTC) and Decimal."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from ariadne import ScalarType
from graphql import IntValueNode, StringValueNode, ValueNode

SAFE_INTEGER = 2**53 - 1
DECIMAL = re.compile(r"^([1-9][0-9]{0,9}(\.[0-9]{1,12})?|0\.[0-9]{0,11}[1-9][0-9]{0,11})$")


def serialize_minor_units(value: int) -> int:
    return int(value)


def parse_minor_units(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or abs(value) > SAFE_INTEGER:
        raise ValueError(f"MinorUnits is an integer from -{SAFE_INTEGER} to {SAFE_INTEGER}")
    return int(value)


def parse_minor_units_literal(node: ValueNode, variables: dict[str, Any] | None = None) -> int:
    if not isinstance(node, IntValueNode):
        raise ValueError("MinorUnits is an integer literal")
    return parse_minor_units(int(node.value))


def serialize_date_time(value: datetime) -> str:
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def serialize_decimal(value: str) -> str:
    return str(value)


def parse_decimal(value: Any) -> str:
    if not isinstance(value, str) or not DECIMAL.fullmatch(value):
        raise ValueError('Decimal is a positive decimal string such as "0.9237"')
    return value


def parse_decimal_literal(node: ValueNode, variables: dict[str, Any] | None = None) -> str:
    if not isinstance(node, StringValueNode):
        raise ValueError("Decimal is a string literal")
    return parse_decimal(node.value)


minor_units = ScalarType(
    "MinorUnits",
    serializer=serialize_minor_units,
    value_parser=parse_minor_units,
    literal_parser=parse_minor_units_literal,
)
date_time = ScalarType("DateTime", serializer=serialize_date_time)
decimal = ScalarType(
    "Decimal", serializer=serialize_decimal, value_parser=parse_decimal, literal_parser=parse_decimal_literal
)
