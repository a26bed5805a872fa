import { z } from "zod"

import { pageFields, PageQuery } from "@customer-modules/core"

import { ownCodeProblem } from "./utils/codes"


const ACCOUNT_KINDS = ["gift_card", "prepaid_card", "customer_account", "points"] as const
const CARD_KINDS = ["gift_card", "prepaid_card", "customer_card"] as const

export const ListAccounts = z
  .object({ ...pageFields, kind: z.enum(ACCOUNT_KINDS).optional(), customer_id: z.string().min(1).max(64).optional() })
  .strict()

export const ListCards = z
  .object({
    ...pageFields,
    kind: z.enum(CARD_KINDS).optional(),
    status: z.enum(["inactive", "active", "blocked"]).optional(),
    customer_id: z.string().min(1).max(64).optional(),
    q: z.string().trim().max(128).optional(),
  })
  .strict()

/** The query of a plugin's list of its own cards (vouchers, prepaid cards): page, search text, status, customer. */
export const ListKindCards = z
  .object({
    ...pageFields,
    q: z.string().trim().max(128).optional(),
    status: z.enum(["inactive", "active", "blocked"]).optional(),
    customer_id: z.string().trim().min(1).max(64).optional(),
  })
  .strict()

export const CreateCodeRange = z
  .object({
    name: z.string().trim().min(1).max(120),
    card_kind: z.enum(CARD_KINDS),
    prefix: z.string().max(40).default(""),
    start: z.number().int().min(0),
    end: z.number().int().min(0),
  })
  .strict()

export { PageQuery }

/**
 * A merchant's own number for a card of `kind` in a request body (any printable text; its
 * length besides spaces and dashes within the ledger's rule for that kind, `ownCodeProblem`).
 */
export function ownCodeSchema(kind: (typeof CARD_KINDS)[number]) {
  return z
    .string()
    .trim()
    .max(200)
    .superRefine((s, ctx) => {
      const problem = ownCodeProblem(s, kind)
      if (problem) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem })
      }
    })
}
