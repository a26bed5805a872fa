import { z } from "zod"

import { amountMinor, currencyCode, instant, PageQuery, reference } from "@customer-modules/core"
import { ListKindCards, ownCodeSchema } from "@customer-modules/ledger"

import { TENDERS } from "./types"

/** Largest single top-up or charge: 1 000 000.00 in a two-decimal currency. */
export const MAX_AMOUNT_MINOR = 100_000_000

export const prepaidAmount = amountMinor.max(MAX_AMOUNT_MINOR, `must be at most ${MAX_AMOUNT_MINOR} minor units`)

/** The merchant's own card number or UID: 8 to 64 characters besides spaces and dashes (the ledger's rule for value cards). */
const code = ownCodeSchema("prepaid_card")
const id = z.string().min(1).max(64)
export const IssuePrepaidCard = z
  .object({ code: code.optional(), currency_code: currencyCode, customer_id: id.optional() })
  .strict()

export const TopUp = z
  .object({
    amount: prepaidAmount,
    tender: z.enum(TENDERS, { errorMap: () => ({ message: `must be one of ${TENDERS.join(", ")}` }) }),
    reference: reference.optional(),
  })
  .strict()

export const Charge = z.object({ amount: prepaidAmount, reference: reference.optional() }).strict()

export const ListPrepaidCards = ListKindCards

export const UpdatePrepaidCard = z
  .object({
    daily_limit: prepaidAmount.nullable().optional(),
    customer_id: id.nullable().optional(),
  })
  .strict()

export const AdminTopUp = z.object({ amount: prepaidAmount, reason: reference }).strict()

export const StatusChange = z.object({ reason: reference.optional() }).strict()

export const ReplaceCard = z.object({ code: code.optional() }).strict()

export const CreateBatch = z
  .object({
    currency_code: currencyCode,
    codes: z.array(code).min(1).max(500).optional(),
    range_id: id.optional(),
    count: z.number().int().min(1).max(500).optional(),
  })
  .strict()

export const ExportQuery = z
  .object({ from: instant.optional(), to: instant.optional(), location_id: id.optional() })
  .strict()

export const TopUpCart = z.object({ amount: prepaidAmount }).strict()

export { PageQuery }

/** The online top-up of `/embed/top-up`: a prepaid card by its number, paid by a guest. */
export const GuestTopUpCart = z
  .object({
    number: z.string().trim().min(1).max(64),
    amount: prepaidAmount,
    email: z.string().trim().email("must be an e-mail address").max(254),
  })
  .strict()
