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

export class InvalidInputError extends AppError {
  readonly status = 422;
  readonly code = "invalid-input";
  readonly title = "Invalid input";
  constructor(
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
  }
}

export class BadRequestError extends AppError {
  readonly status = 400;
  readonly code = "bad-request";
  readonly title = "Bad request";
}

export class UnauthorizedError extends AppError {
  readonly status = 401;
  readonly code = "unauthenticated";
  readonly title = "Not signed in";
}

export class ForbiddenError extends AppError {
  readonly status = 403;
  readonly code = "forbidden";
  readonly title = "Forbidden";
}

export class NotFoundError extends AppError {
  readonly status = 404;
  readonly code = "not-found";
  readonly title = "Not found";
}

export class ConflictError extends AppError {
  readonly status = 409;
  readonly code = "conflict";
  readonly title = "Conflict";
}

export class PayloadTooLargeError extends AppError {
  readonly status = 413;
  readonly code = "payload-too-large";
  readonly title = "Payload too large";
}

export class UnsupportedMediaTypeError extends AppError {
  readonly status = 415;
  readonly code = "unsupported-media-type";
  readonly title = "Unsupported media type";
}

/** A document whose parse ran past its time or memory budget (lib/import/parse-off-thread.ts); nothing was written. */
export class ImportTooComplexError extends AppError {
  readonly status = 422;
  readonly code = "import-too-complex";
  readonly title = "Document too complex";
}

/** Too many requests of one kind in a short time; the answer carries Retry-After. */
export class TooManyRequestsError extends AppError {
  readonly status = 429;
  readonly code = "too-many-requests";
  readonly title = "Too many requests";
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
