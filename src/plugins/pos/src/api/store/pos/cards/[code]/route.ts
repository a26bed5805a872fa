import type { CardService } from "@customer-modules/ledger"

import { posRoute } from "../../../../../pos-route"

/**
 * GET /store/pos/cards/:code: whatever the till scanned (printed number, barcode,
 * QR content, RFID UID) → the card and the accounts it carries. Unknown codes
 * count as misses of the enumeration defence.
 */
export const GET = posRoute({
  codeLookup: true,
  handler: async (req, ctx) => {
    const cards = req.scope.resolve<CardService>("cardService").withTransaction(ctx.manager)
    const card = await cards.retrieveByCode(req.params.code ?? "")
    const accounts = await cards.accountsOf(card)
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
