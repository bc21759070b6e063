"""The SDK's logger, `agora_sdk`, and `AGORA_LOG`, which turns it on from the environment."""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from typing import Final

logger: Final = logging.getLogger("agora_sdk")

LOG_ENV: Final = "AGORA_LOG"
_LEVELS: Final = {"info": logging.INFO, "debug": logging.DEBUG}
_HANDLER_NAME: Final = "agora_sdk.env"
_REDACTED_HEADERS: Final = frozenset({"authorization"})


def setup_logging() -> None:
    """With AGORA_LOG=info or debug, logs the SDK's records to stderr at that level (once, however often called)."""
    level = _LEVELS.get(os.environ.get(LOG_ENV, "").strip().lower())
    if level is None:
        return
    logger.setLevel(level)
    if not any(handler.get_name() == _HANDLER_NAME for handler in logger.handlers):
        handler = logging.StreamHandler()
        handler.set_name(_HANDLER_NAME)
        handler.setFormatter(logging.Formatter("[%(asctime)s %(name)s %(levelname)s] %(message)s"))
        logger.addHandler(handler)


def redacted(headers: Mapping[str, str]) -> dict[str, str]:
    """Headers fit for a log: credentials replaced."""
    return {name: "<redacted>" if name.lower() in _REDACTED_HEADERS else value for name, value in headers.items()}
