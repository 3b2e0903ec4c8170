"""fazhi_client: a Python client of fazhi's gRPC API (see client.py; errors.py for exceptions).

    import fazhi_client
    with fazhi_client.FazhiClient.from_env() as client:
        print([hit.report.name for hit in client.search("行政复议")])
"""

from fazhi_client.client import FazhiClient
from fazhi_client.errors import (AlreadyExistsError, DeadlineExceededError, FailedPreconditionError, FazhiError,
                                 InternalError, InvalidArgumentError, NotFoundError, PermissionDeniedError,
                                 ResourceExhaustedError, UnavailableError, UnimplementedError, from_rpc_error)

__all__ = ["FazhiClient", "FazhiError", "InvalidArgumentError", "NotFoundError", "AlreadyExistsError",
           "FailedPreconditionError", "PermissionDeniedError", "ResourceExhaustedError", "UnavailableError",
           "DeadlineExceededError", "UnimplementedError", "InternalError", "from_rpc_error"]
