"""UUIDv7 ids list in the order one process made them, even many within one millisecond."""

from __future__ import annotations

from unittest import mock

from services.platform import ids


def test_ids_made_in_a_row_are_strictly_increasing_and_valid_v7() -> None:
    made = [ids.uuid7() for _ in range(10_000)]  # thousands per millisecond
    assert made == sorted(made)
    assert len(set(made)) == len(made)
    assert all(made_id.version == 7 and made_id.variant == "specified in RFC 4122" for made_id in made)


def test_a_clock_stepping_back_does_not_reorder_ids() -> None:
    first = ids.uuid7()
    with mock.patch("services.platform.ids.time.time_ns", return_value=0):
        later = ids.uuid7()
    assert later > first
