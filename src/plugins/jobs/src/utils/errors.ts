import { z } from "zod"

import { DomainError, describeIssues } from "@customer-modules/core"

/** Runs a validation; a ZodError becomes 400 `invalid_request` naming the fields under `prefix`. */
export function validated<T>(prefix: string, fn: () => T): T {
  try {
    return fn()
  } catch (e) {
    if (e instanceof z.ZodError) {
      const issues = e.issues.map((i) => ({ ...i, path: [prefix, ...i.path] }))
      throw new DomainError("invalid_request", describeIssues(new z.ZodError(issues)), 400)
    }
    throw e
  }
}

export const errorText = (e: unknown): string => String((e as Error)?.message ?? e).slice(0, 2000)
