/** Program errors: classes with stable codes, mapped once at each edge (CLI exit code, HTTP status). */

export type ErrorCode =
  | 'USAGE'
  | 'INVALID_INPUT'
  | 'INVALID_DATA'
  | 'NOT_FOUND'
  | 'STORE_LOCKED'
  | 'STORE_ERROR'
  | 'CONFLICT'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'RATE_LIMITED'
  | 'ACCOUNT_LOCKED'
  | 'PAYLOAD_TOO_LARGE'
  | 'REMOTE';

/** Base of every error the program means to report (everything else is a bug). */
export class NetfreedomError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Wrong command-line usage or request parameters. */
export class UsageError extends NetfreedomError {
  constructor(message: string) {
    super('USAGE', message);
  }
}

/** A value given by a user that breaks a rule (score out of range, unknown question...). */
export class InvalidInputError extends NetfreedomError {
  constructor(message: string) {
    super('INVALID_INPUT', message);
  }
}

/** A file or record at fault; `where` is `file:line` or a path into a document. */
export class InvalidDataError extends NetfreedomError {
  constructor(
    readonly where: string,
    readonly reason: string,
  ) {
    super('INVALID_DATA', `${where}: ${reason}`);
  }
}

export class NotFoundError extends NetfreedomError {
  constructor(message: string) {
    super('NOT_FOUND', message);
  }
}

/** The request is understood but not allowed from where it came (another site's page, a missing right). */
export class ForbiddenError extends NetfreedomError {
  constructor(message: string) {
    super('FORBIDDEN', message);
  }
}

/** No valid credentials came with a request that needs them (or a sign-in failed). */
export class UnauthorizedError extends NetfreedomError {
  constructor(message: string) {
    super('UNAUTHORIZED', message);
  }
}

/** The request contradicts the current state (an assessment in review edited, a name taken). */
export class ConflictError extends NetfreedomError {
  constructor(message: string) {
    super('CONFLICT', message);
  }
}

/** Sign-in for an account is locked after repeated failures, until `until`. */
export class AccountLockedError extends NetfreedomError {
  constructor(
    readonly until: Date,
    readonly retryAfterSeconds: number,
  ) {
    super(
      'ACCOUNT_LOCKED',
      `too many failed sign-ins for this account: sign-in is locked until ${until.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    );
  }
}

/** Another process owns the database file. */
export class StoreLockedError extends NetfreedomError {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(
      'STORE_LOCKED',
      `the database ${file} is in use by another process${detail ? ` (${detail})` : ''}; ` +
        'stop that process (for example a running `netfreedom serve`) or use another --db file',
    );
  }
}

export class StoreError extends NetfreedomError {
  constructor(message: string) {
    super('STORE_ERROR', message);
  }
}

/** A remote archive (OONI's S3 bucket or API) could not be reached, or kept failing after retries. */
export class RemoteError extends NetfreedomError {
  constructor(message: string) {
    super('REMOTE', message);
  }
}

/** Reads an error's code whatever threw it. */
export function errorCode(err: unknown): ErrorCode | null {
  return err instanceof NetfreedomError ? err.code : null;
}
