import { DomainError } from "@customer-modules/core"
import type { AccountKind, CardDTO, CardKind, CardService, ValueAccountDTO } from "@customer-modules/ledger"

import { posRoute } from "#src/pos-route"
import type { PosScope } from "#src/scopes"

/** Which scopes see a card of each kind, and which of its accounts each scope sees. */
const CARD_SCOPES: Record<CardKind, PosScope[]> = {
  gift_card: ["gift_card"],
  prepaid_card: ["prepaid_charge", "prepaid_topup"],
  customer_card: ["loyalty", "debtor"],
}
const ACCOUNT_SCOPES: Record<AccountKind, PosScope[]> = {
  gift_card: ["gift_card"],
  prepaid_card: ["prepaid_charge", "prepaid_topup"],
  points: ["loyalty"],
  customer_account: ["debtor"],
}

/** The answer for a card this key may not see: the same as for a code nobody issued. */
function unknownCode(): DomainError {
  return new DomainError("not_found", "No card has this code", 404)
}

const covers = (held: PosScope[], wanted: PosScope[]): boolean => wanted.some((s) => held.includes(s))

/**
 * GET /store/pos/cards/:code: whatever the till scanned (printed number, barcode,
 * QR content, RFID UID) → the card and the accounts it carries, as far as the
 * key's scopes reach: a voucher for `gift_card`, a prepaid card for
 * `prepaid_charge`/`prepaid_topup`, a customer card for `loyalty` (its points)
 * or `debtor` (its customer account). A card of a kind the key does not cover
 * answers exactly like an unknown code (404, counted as a miss of the
 * enumeration defence).
 */
export const GET = posRoute({
  codeLookup: true,
  handler: async (req, ctx) => {
    const cards = req.scope.resolve<CardService>("cardService").withTransaction(ctx.manager)
    const card: CardDTO = await cards.retrieveByCode(req.params.code ?? "")
    const held = ctx.terminal.scopes
    if (!covers(held, CARD_SCOPES[card.kind] ?? [])) {
      throw unknownCode()
    }
    const accounts = (await cards.accountsOf(card)).filter((a: ValueAccountDTO) => covers(held, ACCOUNT_SCOPES[a.kind] ?? []))
    return {
      status: 200,
      body: {
        card: {
          id: card.id,
          code: card.code,
          kind: card.kind,
          status: card.status,
          customer_id: card.customer_id,
          accounts: accounts.map((a) => ({
            id: a.id,
            kind: a.kind,
            balance: a.balance,
            currency_code: a.currency_code,
            status: a.status,
          })),
        },
      },
    }
  },
})
