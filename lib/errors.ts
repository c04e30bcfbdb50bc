// The few typed errors domain code throws. One translator (lib/core/http/problem.ts) maps them to HTTP;
// one helper (lib/client/describe-error.ts) turns them into a sentence in the browser.

export interface FieldIssue {
  path: string;
  message: string;
}

export abstract class AppError extends Error {
  abstract readonly status: number;
  abstract readonly code: string;
  abstract readonly title: string;
}

/** The base of each typed error: its HTTP status, its problem type (urn:proofline:problem:<code>) and title. */
function appError<S extends number, C extends string>(status: S, code: C, title: string) {
  return class extends AppError {
    readonly status = status;
    readonly code = code;
    readonly title = title;
  };
}

export class InvalidInputError extends appError(422, "invalid-input", "Invalid input") {
  constructor(
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
  }
}

export class BadRequestError extends appError(400, "bad-request", "Bad request") {}

export class UnauthorizedError extends appError(401, "unauthenticated", "Not signed in") {}

export class ForbiddenError extends appError(403, "forbidden", "Forbidden") {}

export class NotFoundError extends appError(404, "not-found", "Not found") {}

export class ConflictError extends appError(409, "conflict", "Conflict") {}

export class PayloadTooLargeError extends appError(413, "payload-too-large", "Payload too large") {}

export class UnsupportedMediaTypeError extends appError(415, "unsupported-media-type", "Unsupported media type") {}

/** A document whose parse ran past its time or memory budget (lib/import/parse-off-thread.ts); nothing was written. */
export class ImportTooComplexError extends appError(422, "import-too-complex", "Document too complex") {}

/** Too many requests of one kind in a short time; the answer carries Retry-After. */
export class TooManyRequestsError extends appError(429, "too-many-requests", "Too many requests") {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}
