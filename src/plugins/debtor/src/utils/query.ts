import { DomainError } from "@customer-modules/core"

/** A `currency_code` query parameter, lower case; 400 when missing or malformed. */
export function currencyCode(value: unknown): string {
  if (typeof value !== "string" || !/^[A-Za-z]{3}$/.test(value)) {
    throw new DomainError("invalid_request", "currency_code: must be a three-letter ISO 4217 currency code", 400)
  }
  return value.toLowerCase()
}
