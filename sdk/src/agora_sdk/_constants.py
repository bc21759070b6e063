"""Defaults the runtime uses when the caller does not choose."""

from __future__ import annotations

from typing import Final

import httpx

from agora_sdk._version import __version__

BASE_URL_ENV: Final = "AGORA_BASE_URL"
ACCESS_TOKEN_ENV: Final = "AGORA_ACCESS_TOKEN"
DEFAULT_BASE_URL: Final = "http://127.0.0.1:8080"
DEFAULT_TIMEOUT: Final = httpx.Timeout(30.0, connect=5.0)
DEFAULT_MAX_RETRIES: Final = 2
INITIAL_RETRY_DELAY: Final = 0.5
MAX_RETRY_DELAY: Final = 8.0
# A Retry-After (or retry-after-ms) longer than this is ignored in favour of the usual backoff, so no wait is longer.
MAX_RETRY_AFTER: Final = 60.0
RETRYABLE_STATUSES: Final = frozenset({408, 429, 502, 503, 504})
# The gateway answers a retry that overtakes its own first attempt with this 409, and asks for another retry.
RETRYABLE_CONFLICT_CODE: Final = "idempotency_key_in_progress"
TOKEN_EXPIRED_CODE: Final = "token_expired"
IDEMPOTENCY_HEADER: Final = "Idempotency-Key"
REQUEST_ID_HEADER: Final = "X-Request-Id"
REPLAYED_HEADER: Final = "Idempotent-Replayed"
USER_AGENT: Final = f"agora-sdk-python/{__version__}"
