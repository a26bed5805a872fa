import { MAX_PAGE } from "@customer-modules/core"

export type Page = { limit?: number; offset?: number }

const DEFAULT_PAGE = 50

/** A page within bounds: limit 1..200 (default 50), offset ≥ 0. */
export function pageOf(page: Page): { limit: number; offset: number } {
  const limit = Number.isInteger(page.limit) && page.limit! > 0 ? Math.min(page.limit!, MAX_PAGE) : DEFAULT_PAGE
  const offset = Number.isInteger(page.offset) && page.offset! > 0 ? page.offset! : 0
  return { limit, offset }
}
