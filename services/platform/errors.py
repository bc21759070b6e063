"""The one error vocabulary: domain errors carry a stable code and a kind; kinds map to gRPC and HTTP here."""

from __future__ import annotations

import enum

import grpc


class ErrorKind(enum.Enum):
    """Named after the gRPC status codes they travel as."""

    INVALID_ARGUMENT = "INVALID_ARGUMENT"
    NOT_FOUND = "NOT_FOUND"
    ALREADY_EXISTS = "ALREADY_EXISTS"
    FAILED_PRECONDITION = "FAILED_PRECONDITION"
    UNAUTHENTICATED = "UNAUTHENTICATED"
    PERMISSION_DENIED = "PERMISSION_DENIED"
    UNAVAILABLE = "UNAVAILABLE"


class AgoraError(Exception):
    """A failure a caller can cause or must see. Subclasses fix `kind` and `code`."""

    kind: ErrorKind = ErrorKind.FAILED_PRECONDITION
    code: str = "failed_precondition"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code


class InvalidArgument(AgoraError):
    kind, code = ErrorKind.INVALID_ARGUMENT, "validation_failed"


class NotFound(AgoraError):
    kind, code = ErrorKind.NOT_FOUND, "not_found"


class AlreadyExists(AgoraError):
    kind, code = ErrorKind.ALREADY_EXISTS, "already_exists"


class Conflict(AgoraError):
    kind, code = ErrorKind.FAILED_PRECONDITION, "conflict"


class Unauthenticated(AgoraError):
    kind, code = ErrorKind.UNAUTHENTICATED, "unauthenticated"


class Unavailable(AgoraError):
    kind, code = ErrorKind.UNAVAILABLE, "service_unavailable"


class PermissionDenied(AgoraError):
    kind, code = ErrorKind.PERMISSION_DENIED, "forbidden"


class AdminRequired(PermissionDenied):
    code = "admin_required"


ERROR_CODE_METADATA = "agora-error-code"

HTTP_STATUS_BY_GRPC_STATUS: dict[grpc.StatusCode, int] = {
    grpc.StatusCode.INVALID_ARGUMENT: 422,
    grpc.StatusCode.OUT_OF_RANGE: 422,
    grpc.StatusCode.NOT_FOUND: 404,
    grpc.StatusCode.ALREADY_EXISTS: 409,
    grpc.StatusCode.FAILED_PRECONDITION: 409,
    grpc.StatusCode.ABORTED: 409,
    grpc.StatusCode.UNAUTHENTICATED: 401,
    grpc.StatusCode.PERMISSION_DENIED: 403,
    grpc.StatusCode.RESOURCE_EXHAUSTED: 429,
    grpc.StatusCode.UNAVAILABLE: 503,
    grpc.StatusCode.DEADLINE_EXCEEDED: 503,
    grpc.StatusCode.CANCELLED: 503,
}

DEFAULT_CODE_BY_GRPC_STATUS: dict[grpc.StatusCode, str] = {
    grpc.StatusCode.UNAVAILABLE: "service_unavailable",
    grpc.StatusCode.DEADLINE_EXCEEDED: "service_timeout",
    grpc.StatusCode.CANCELLED: "service_unavailable",
}


def grpc_status_of(error: AgoraError) -> grpc.StatusCode:
    return grpc.StatusCode[error.kind.value]


def http_status_of(status: grpc.StatusCode) -> int:
    return HTTP_STATUS_BY_GRPC_STATUS.get(status, 500)
