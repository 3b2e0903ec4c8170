// Errors for the gRPC status codes fazhi's services answer with: every client call rejects with a
// FazhiError subclass chosen from the status code.
//
//   try { await client.getReport('reports/0000000000000000'); }
//   catch (error) { if (error instanceof NotFoundError) console.log(error.codeName, error.details); }
'use strict';

const { status } = require('@grpc/grpc-js');

// A call failed: `code` is the numeric gRPC status, `codeName` its name, `details` the server's message.
class FazhiError extends Error {
  constructor(code, details) {
    const codeName = Object.keys(status).find((name) => status[name] === code) || 'UNKNOWN';
    super(`${codeName}: ${details}`);
    this.name = this.constructor.name;
    this.code = code;
    this.codeName = codeName;
    this.details = details;
  }
}

// The request is malformed: a bad filter, report name, page token or document.
class InvalidArgumentError extends FazhiError {}
// The report (or other resource) does not exist.
class NotFoundError extends FazhiError {}
// The resource exists already.
class AlreadyExistsError extends FazhiError {}
// The system is not in a state the call needs.
class FailedPreconditionError extends FazhiError {}
// The caller may not do this.
class PermissionDeniedError extends FazhiError {}
// A limit was hit (message size, quota).
class ResourceExhaustedError extends FazhiError {}
// The service cannot be reached or is shutting down; safe to retry.
class UnavailableError extends FazhiError {}
// The call took longer than its deadline.
class DeadlineExceededError extends FazhiError {}
// The server does not offer this method.
class UnimplementedError extends FazhiError {}
// A server-side failure.
class InternalError extends FazhiError {}

// The one table from status code to error class; other codes give FazhiError itself.
const BY_CODE = new Map([
  [status.INVALID_ARGUMENT, InvalidArgumentError],
  [status.OUT_OF_RANGE, InvalidArgumentError],
  [status.NOT_FOUND, NotFoundError],
  [status.ALREADY_EXISTS, AlreadyExistsError],
  [status.FAILED_PRECONDITION, FailedPreconditionError],
  [status.PERMISSION_DENIED, PermissionDeniedError],
  [status.UNAUTHENTICATED, PermissionDeniedError],
  [status.RESOURCE_EXHAUSTED, ResourceExhaustedError],
  [status.UNAVAILABLE, UnavailableError],
  [status.DEADLINE_EXCEEDED, DeadlineExceededError],
  [status.UNIMPLEMENTED, UnimplementedError],
  [status.INTERNAL, InternalError],
  [status.DATA_LOSS, InternalError],
]);

// The FazhiError for a grpc-js ServiceError ({code, details}).
function fromServiceError(error) {
  const code = typeof error.code === 'number' ? error.code : status.UNKNOWN;
  const ErrorClass = BY_CODE.get(code) || FazhiError;
  return new ErrorClass(code, error.details || error.message || '');
}

module.exports = {
  FazhiError, InvalidArgumentError, NotFoundError, AlreadyExistsError, FailedPreconditionError,
  PermissionDeniedError, ResourceExhaustedError, UnavailableError, DeadlineExceededError,
  UnimplementedError, InternalError, fromServiceError,
};
