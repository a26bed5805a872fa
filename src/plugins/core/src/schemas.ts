import { z } from "zod"

import { DomainError } from "./errors"
import { isValidTimeZone } from "./time-zone"

/**
 * An amount in minor units (cents) or points: a positive integer that JavaScript
 * holds exactly. JSON numbers beyond 2^53 lose digits when parsed, so they are refused.
 */
export const amountMinor = z
  .number({ invalid_type_error: "must be an integer number of minor units" })
  .int("must be an integer number of minor units (cents), not a fraction")
  .positive("must be greater than zero")
  .max(Number.MAX_SAFE_INTEGER, "is too large")

/** An ISO 4217 code, any case on input, lower case as Medusa stores it. */
export const currencyCode = z
  .string()
  .regex(/^[A-Za-z]{3}$/, "must be a three-letter ISO 4217 currency code")
  .transform((c) => c.toLowerCase())

/** Free text a till attaches (receipt number, table): short, printable. */
export const reference = z.string().trim().min(1).max(120)

/** Formats zod issues as one message naming each field. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((i) => {
      const field = i.path.length ? i.path.join(".") : "body"
      if (i.code === "unrecognized_keys") {
        return `${field}: unknown field(s) ${i.keys.join(", ")}`
      }
      return `${field}: ${i.message}`
    })
    .join("; ")
}

/** Validates a request body (or query); 400 `invalid_request` naming the fields otherwise. */
export function parseBody<S extends z.ZodTypeAny>(schema: S, body: unknown): z.infer<S> {
  const parsed = schema.safeParse(body ?? {})
  if (!parsed.success) {
    throw new DomainError("invalid_request", describeIssues(parsed.error), 400)
  }
  return parsed.data
}

/** An IANA time zone name the runtime knows (Europe/Berlin, UTC). */
export const timeZone = z
  .string()
  .trim()
  .refine(isValidTimeZone, { message: "must be an IANA time zone name (e.g. Europe/Berlin)" })

/** `2026-03-01` (midnight UTC), or a date and time with seconds optional and a zone: `Z` or `+01:00`. */
const ISO_DATE_OR_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2}))?$/i

/**
 * Whether `s` is an ISO 8601 date or an instant with its zone. `Date.parse` alone takes
 * "1" (the year 2001), and a time without a zone in the server's own zone: both refused.
 */
export function isIsoInstant(s: string): boolean {
  const m = ISO_DATE_OR_INSTANT.exec(s)
  if (!m || Number.isNaN(Date.parse(s))) {
    return false
  }
  // Date.parse rolls 2026-02-31 over to March: the calendar date must exist as written.
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

/** A calendar day as `YYYY-MM-DD` that exists (no 2026-02-31). */
export const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD")
  .refine(isIsoInstant, "is not a date of the calendar")

/** An ISO 8601 date or instant (with its zone), as a Date. */
export const instant = z
  .string()
  .trim()
  .refine(isIsoInstant, "must be an ISO 8601 date (2026-03-01) or instant with its zone (2026-03-01T08:00:00Z)")
  .transform((s) => new Date(s))

/** Most rows one page of a list returns. */
export const MAX_PAGE = 200

/** The furthest a list may be paged: beyond it PostgreSQL would be asked for `OFFSET 1e+21`. */
export const MAX_OFFSET = 1_000_000

/** `?limit=&offset=` of a list (spread into a query schema). */
export const pageFields = {
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).optional(),
  offset: z.coerce.number().int().min(0).max(MAX_OFFSET).optional(),
}

export const PageQuery = z.object(pageFields).strict()
