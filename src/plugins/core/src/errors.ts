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
