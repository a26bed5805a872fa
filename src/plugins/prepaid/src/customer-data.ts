import type { CustomerDataDefinition } from "@customer-modules/core"
import { everyPage } from "@customer-modules/core"
import type { CardService, ValueAccountService } from "@customer-modules/ledger"

/**
 * The prepaid plugin's part of a customer's data rights: the customer's
 * prepaid cards with every movement (top-ups, charges). The plugin holds no
 * other personal data; erasure keeps the cards and movements (the balance is
 * the customer's money, owed until paid out, and an accounting record).
 */
export const prepaidCustomerData: CustomerDataDefinition = {
  plugin: "prepaid",
  label: { de: "Prepaid-Karten", en: "Prepaid cards", pt: "Cartões pré-pagos" },

  async export(customerId, manager, { container }) {
    const cards = container.resolve<CardService>("cardService").withTransaction(manager)
    const accounts = container.resolve<ValueAccountService>("valueAccountService").withTransaction(manager)
    const result = []
    for (const card of await everyPage((page) => cards.listAndCount({ kind: "prepaid_card", customer_id: customerId }, page))) {
      const account = card.account_id ? await accounts.retrieve(card.account_id) : null
      const history = account ? await everyPage((page) => accounts.history(account.id, page)) : []
      result.push({
        id: card.id,
        code: card.code,
        status: card.status,
        identifiers: card.identifiers.map((i) => ({ kind: i.kind, value: i.value })),
        balance: account?.balance ?? null,
        currency_code: account?.currency_code ?? null,
        created_at: card.created_at,
        movements: history.map((t) => ({
          id: t.id,
          type: t.type,
          amount: t.amount,
          balance_after: t.balance_after,
          reference: t.reference,
          location_id: t.location_id,
          created_at: t.created_at,
        })),
      })
    }
    return { cards: result }
  },

  async erase(customerId, manager, { container }) {
    const [, count] = await container.resolve<CardService>("cardService").withTransaction(manager).listAndCount({ kind: "prepaid_card", customer_id: customerId }, { limit: 1 })
    return {
      retained: [
        {
          what: "prepaid_cards",
          count,
          reason: {
            de: "Prepaid-Karten und ihre Buchungen bleiben: das Guthaben gehört dem Kunden bis zur Auszahlung und ist Buchungsbeleg (§ 147 AO)",
            en: "Prepaid cards and their movements stay: the balance is the customer's money until paid out, and an accounting record (German AO § 147)",
            pt: "Os cartões pré-pagos e os seus movimentos ficam: o saldo pertence ao cliente até ser reembolsado e é registo contabilístico",
          },
        },
      ],
    }
  },
}
