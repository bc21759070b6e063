"""The contract's custom scalars: MinorUnits (a JSON-safe integer), DateTime (RFC 3339, UTC), Decimal and Date."""

from __future__ import annotations

import contextlib
import re
from datetime import UTC, date, datetime
from typing import Any

from ariadne import ScalarType
from graphql import IntValueNode, StringValueNode, ValueNode

SAFE_INTEGER = 2**53 - 1
DAY = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
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


def parse_date(value: Any) -> date:
    if isinstance(value, str) and DAY.fullmatch(value):
        with contextlib.suppress(ValueError):
            return date.fromisoformat(value)
    raise ValueError("Date is a day as YYYY-MM-DD")


def parse_date_literal(node: ValueNode, variables: dict[str, Any] | None = None) -> date:
    if not isinstance(node, StringValueNode):
        raise ValueError("Date is a string literal")
    return parse_date(node.value)


calendar_date = ScalarType(
    "Date", serializer=lambda value: value.isoformat(), value_parser=parse_date, literal_parser=parse_date_literal
)
