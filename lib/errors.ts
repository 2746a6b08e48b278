/**
 * The one error type the domain throws. Route handlers map it to RFC 9457
 * problem+json, server actions to `{ error, fieldErrors }`.
 */
export const ERROR_STATUS = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  validation: 422,
  rate_limited: 429,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
export type FieldError = { path: string; message: string };

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fieldErrors: FieldError[] = [],
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  static notFound(what: string) {
    return new AppError("not_found", `${what} not found`);
  }

  static forbidden(message = "You do not have permission to do this") {
    return new AppError("forbidden", message);
  }

  static conflict(message: string) {
    return new AppError("conflict", message);
  }

  /** A 422 naming one field. */
  static invalid(path: string, message: string) {
    return new AppError("validation", `${path}: ${message}`, [{ path, message }]);
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
