/**
 * A refusal the domain explains to the caller: `type` is the machine-readable
 * reason (`insufficient_balance`, `card_blocked`, …), `status` the HTTP status
 * the API edge answers with. Anything else that is thrown is a bug (500).
 */
export class DomainError extends Error {
  override readonly name = "DomainError"

  constructor(
    readonly type: string,
    message: string,
    readonly status: 400 | 401 | 403 | 404 | 409 | 422 | 429 = 422
  ) {
    super(message)
  }
}

/** True for a DomainError, also across copies of this module. */
export function isDomainError(e: unknown): e is DomainError {
  return (
    e instanceof DomainError ||
    (typeof e === "object" && e !== null && (e as DomainError).name === "DomainError" && typeof (e as DomainError).type === "string")
  )
}

/** SQLSTATEs and socket errors that mean "the database (or its connection) is away", not "the request is wrong". */
const UNAVAILABLE_SQLSTATES = new Set([
  "57P01", // admin_shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now (starting up, shutting down)
  "53300", // too_many_connections
])
const UNAVAILABLE_SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN"])
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect/,
  /Client has encountered a connection error and is not queryable/,
  /^Client was closed and is not queryable/,
  /^Cannot use a pool after calling end on the pool/,
  /^Connection is closed/, // ioredis
]

const RELEASED_QUERY_RUNNER = new Set(["QueryRunnerProviderAlreadyReleasedError", "QueryRunnerAlreadyReleasedError"])

/** What a 503 says: fixed, so no driver text (host names, ports, SQL) reaches a client. */
export const UNAVAILABLE_MESSAGE = "A service this request needs is not answering right now; try again in a moment (POS calls with the same Idempotency-Key)"
/** Seconds a client should wait before retrying after a 503. */
export const UNAVAILABLE_RETRY_AFTER_S = 2

/**
 * True when `e` says the database (or Redis) could not be reached or dropped
 * the connection (PostgreSQL restarting, network gone), so the request may
 * succeed when retried: the API answers 503 `service_unavailable`, not 500.
 * Looks through TypeORM's `driverError` and an error's `cause`.
 */
export function isUnavailable(e: unknown, depth = 0): boolean {
  if (typeof e !== "object" || e === null || depth > 3) {
    return false
  }
  const err = e as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown; errors?: unknown }
  const code = typeof err.code === "string" ? err.code : ""
  if (UNAVAILABLE_SQLSTATES.has(code) || code.startsWith("08") || UNAVAILABLE_SOCKET_CODES.has(code)) {
    return true
  }
  // TypeORM's answers to a query (or the COMMIT) on a transaction whose connection the pg client
  // dropped meanwhile; the server rolled that transaction back, so a retry is safe.
  if (RELEASED_QUERY_RUNNER.has((e as Error).name)) {
    return true
  }
  const message = typeof err.message === "string" ? err.message : ""
  if (UNAVAILABLE_MESSAGES.some((re) => re.test(message))) {
    return true
  }
  // Node's AggregateError (connect to ::1 and 127.0.0.1 both refused)
  if (Array.isArray(err.errors) && err.errors.some((x) => isUnavailable(x, depth + 1))) {
    return true
  }
  return isUnavailable(err.driverError, depth + 1) || isUnavailable(err.cause, depth + 1)
}
