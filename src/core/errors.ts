/**
 * The one error type of the sandbox. Everything a client can do wrong ends up as a
 * PassFortError, and the one error handler turns it into PassFort's envelope:
 * `{"errors":[{"code","message","source","info"}]}`.
 */

/** PassFort's error code table (API 4.0). */
export const ErrorCode = {
  MISSING_REQUIRED_FIELDS: 101,
  ENTITY_ALREADY_APPROVED: 102,
  ENTITY_ALREADY_REJECTED: 103,
  CHARGEABLE_LIMIT_REACHED: 104,
  CONSTRAINTS_NOT_SATISFIED: 105,
  COUNTRY_NOT_SUPPORTED: 106,
  CHECK_LIMIT_REACHED: 107,
  INVALID_INPUT_DATA: 201,
  DATA_PRESENT: 202,
  MISSING_API_KEY: 203,
  INVALID_API_KEY: 204,
  USER_MIGRATION_ERROR: 301,
  PROVIDER_CONNECTION_ERROR: 302,
  PROVIDER_UNKNOWN_ERROR: 303,
  UNKNOWN_INTERNAL_ERROR: 401,
  TRANSITION_ERROR: 402,
  LEGACY_ERROR: 501,
  PROCESS_NOT_SETUP: 502,
} as const;

export type ErrorCodeValue = (typeof ErrorCode)[keyof typeof ErrorCode];
export type ErrorSource = 'API' | 'ENGINE' | 'PROVIDER';

export interface ErrorBody {
  code: number;
  message: string;
  source: ErrorSource;
  info: Record<string, unknown>;
}

export interface ErrorEnvelope {
  errors: ErrorBody[];
}

export type HttpErrorStatus = 400 | 401 | 403 | 404 | 405 | 409 | 412 | 413 | 415 | 422 | 429 | 431 | 500 | 502 | 503;

export class PassFortError extends Error {
  readonly status: HttpErrorStatus;
  readonly code: number;
  readonly info: Record<string, unknown>;
  readonly source: ErrorSource;
  /** Extra response body fields (a 412 carries the current collected data). */
  readonly extra: Record<string, unknown> | undefined;

  constructor(
    status: HttpErrorStatus,
    code: number,
    message: string,
    info: Record<string, unknown> = {},
    options: { source?: ErrorSource; extra?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.name = 'PassFortError';
    this.status = status;
    this.code = code;
    this.info = info;
    this.source = options.source ?? 'API';
    this.extra = options.extra;
  }

  toEnvelope(): ErrorEnvelope & Record<string, unknown> {
    return {
      errors: [{ code: this.code, message: this.message, source: this.source, info: this.info }],
      ...(this.extra ?? {}),
    };
  }
}

export const isPassFortError = (e: unknown): e is PassFortError => e instanceof PassFortError;

// Constructors for the common cases, so call sites read as intent.
export const invalidInput = (message: string, info: Record<string, unknown> = {}) =>
  new PassFortError(400, ErrorCode.INVALID_INPUT_DATA, message, info);

export const missingFields = (message: string, info: Record<string, unknown> = {}) =>
  new PassFortError(400, ErrorCode.MISSING_REQUIRED_FIELDS, message, info);

export const notFound = (message: string, info: Record<string, unknown> = {}) =>
  new PassFortError(404, ErrorCode.INVALID_INPUT_DATA, message, info);

export const constraintViolated = (message: string, info: Record<string, unknown> = {}) =>
  new PassFortError(400, ErrorCode.CONSTRAINTS_NOT_SATISFIED, message, info);

export const transitionError = (message: string, info: Record<string, unknown> = {}) =>
  new PassFortError(400, ErrorCode.TRANSITION_ERROR, message, info);

export const forbidden = (message: string, info: Record<string, unknown> = {}) =>
  new PassFortError(403, ErrorCode.INVALID_API_KEY, message, info);
