"""Python exceptions for the gRPC status codes fazhi's services answer with.

    try:
        client.get_report("reports/0000000000000000")
    except fazhi_client.NotFoundError as error:
        print(error.code, error.message)   # StatusCode.NOT_FOUND report reports/... not found
"""

import grpc


class FazhiError(Exception):
    """A call failed; `code` is the grpc.StatusCode, `message` the server's explanation."""

    def __init__(self, code, message):
        super().__init__(f"{code.name}: {message}")
        self.code = code
        self.message = message


class InvalidArgumentError(FazhiError):
    """The request is malformed: a bad filter, report name, page token or document."""


class NotFoundError(FazhiError):
    """The report (or other resource) does not exist."""


class AlreadyExistsError(FazhiError):
    """The resource exists already."""


class FailedPreconditionError(FazhiError):
    """The system is not in a state the call needs."""


class PermissionDeniedError(FazhiError):
    """The caller may not do this."""


class ResourceExhaustedError(FazhiError):
    """A limit was hit (message size, quota); retry later or send less."""


class UnavailableError(FazhiError):
    """The service cannot be reached or is shutting down; safe to retry."""


class DeadlineExceededError(FazhiError):
    """The call took longer than its timeout."""


class UnimplementedError(FazhiError):
    """The server does not offer this method (an older server)."""


class InternalError(FazhiError):
    """A server-side failure."""


# The one table from status code to exception; codes not in it raise FazhiError itself.
_BY_CODE = {
    grpc.StatusCode.INVALID_ARGUMENT: InvalidArgumentError,
    grpc.StatusCode.OUT_OF_RANGE: InvalidArgumentError,
    grpc.StatusCode.NOT_FOUND: NotFoundError,
    grpc.StatusCode.ALREADY_EXISTS: AlreadyExistsError,
    grpc.StatusCode.FAILED_PRECONDITION: FailedPreconditionError,
    grpc.StatusCode.PERMISSION_DENIED: PermissionDeniedError,
    grpc.StatusCode.UNAUTHENTICATED: PermissionDeniedError,
    grpc.StatusCode.RESOURCE_EXHAUSTED: ResourceExhaustedError,
    grpc.StatusCode.UNAVAILABLE: UnavailableError,
    grpc.StatusCode.DEADLINE_EXCEEDED: DeadlineExceededError,
    grpc.StatusCode.UNIMPLEMENTED: UnimplementedError,
    grpc.StatusCode.INTERNAL: InternalError,
    grpc.StatusCode.DATA_LOSS: InternalError,
}


def from_rpc_error(error):
    """The FazhiError subclass for a grpc.RpcError raised by a stub call."""
    code = error.code() if hasattr(error, "code") else grpc.StatusCode.UNKNOWN
    details = error.details() if hasattr(error, "details") else str(error)
    return _BY_CODE.get(code, FazhiError)(code, details or "")
