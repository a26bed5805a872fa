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

/** An ISO 8601 date or instant, as a Date. */
export const instant = z
  .string()
  .trim()
  .refine((s) => !Number.isNaN(Date.parse(s)), "must be an ISO 8601 date or instant")
  .transform((s) => new Date(s))

/** Most rows one page of a list returns. */
export const MAX_PAGE = 200

/** `?limit=&offset=` of a list (spread into a query schema). */
export const pageFields = {
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).optional(),
  offset: z.coerce.number().int().min(0).optional(),
}

export const PageQuery = z.object(pageFields).strict()
