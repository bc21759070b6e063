"""Typed Python client for the Agora API: sync and async clients, typed errors and the contract's models."""

from agora_sdk import merch, models
from agora_sdk._client import Agora, AsyncAgora
from agora_sdk._exceptions import (
    AgoraError,
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    GraphQLError,
    InternalServerError,
    InvalidArgumentError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ServiceUnavailableError,
    UnprocessableEntityError,
)
from agora_sdk._logs import setup_logging
from agora_sdk._operations import OPERATIONS
from agora_sdk._options import CallOptions, MutationOptions
from agora_sdk._response import APIResponse
from agora_sdk._stream import ReconnectAttempt, ReconnectPolicy, StreamDisconnectedError, StreamError
from agora_sdk._version import __version__

setup_logging()

__all__ = [
    "OPERATIONS",
    "APIConnectionError",
    "APIResponse",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "Agora",
    "AgoraError",
    "AsyncAgora",
    "AuthenticationError",
    "BadRequestError",
    "CallOptions",
    "ConflictError",
    "GraphQLError",
    "InternalServerError",
    "InvalidArgumentError",
    "MutationOptions",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "ReconnectAttempt",
    "ReconnectPolicy",
    "ServiceUnavailableError",
    "StreamDisconnectedError",
    "StreamError",
    "UnprocessableEntityError",
    "__version__",
    "merch",
    "models",
]
