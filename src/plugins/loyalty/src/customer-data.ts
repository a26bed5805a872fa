import type { CustomerDataDefinition } from "@customer-modules/core"
import { affectedRows, everyPage } from "@customer-modules/core"
import type { CardService, ValueAccountService } from "@customer-modules/ledger"

/**
 * The loyalty plugin's part of a customer's data rights: the member record
 * (birthday, phone, marketing consent), customer cards, the points account
 * with its history, and visits. Erasure withdraws the consent, forgets the
 * birthday and phone and blocks the cards; the points account, its history
 * and the visits stay (ledger movements, tied to receipts and orders).
 */
export const loyaltyCustomerData: CustomerDataDefinition = {
  plugin: "loyalty",
  label: { de: "Kundenkarte und Bonuspunkte", en: "Loyalty cards and points", pt: "Cartões de cliente e pontos" },

  async export(customerId, manager, { container }) {
    const [member] = await manager.query(
      `SELECT birthday::text AS birthday, phone, marketing_consent, consent_changed_at, created_at FROM loyalty_member WHERE customer_id = $1`,
      [customerId]
    )
    const cards = container.resolve<CardService>("cardService").withTransaction(manager)
    const accounts = container.resolve<ValueAccountService>("valueAccountService").withTransaction(manager)
    const customerCards = await everyPage((page) => cards.listAndCount({ kind: "customer_card", customer_id: customerId }, page))
    const pointAccounts = await everyPage((page) => accounts.listAndCount({ kind: "points", customer_id: customerId }, page))
    const points = []
    for (const account of pointAccounts) {
      const history = await everyPage((page) => accounts.history(account.id, page))
      points.push({
        account_id: account.id,
        balance: account.balance,
        status: account.status,
        history: history.map((t) => ({ id: t.id, type: t.type, points: t.amount, balance_after: t.balance_after, reference: t.reference, created_at: t.created_at })),
      })
    }
    const visits = await manager.query(
      `SELECT id, source, order_id, location_id, reference, amount_minor, currency_code, points_earned, points_taken_back, created_at
         FROM loyalty_visit WHERE customer_id = $1 ORDER BY created_at DESC LIMIT 10000`,
      [customerId]
    )
    return {
      member: member
        ? { birthday: member.birthday, phone: member.phone, created_at: member.created_at }
        : null,
      consents: member ? [{ purpose: "marketing_mail", given: member.marketing_consent, changed_at: member.consent_changed_at }] : [],
      cards: customerCards.map((c) => ({ id: c.id, code: c.code, status: c.status, identifiers: c.identifiers.map((i) => ({ kind: i.kind, value: i.value })), created_at: c.created_at })),
      points,
      visits: visits.map((v: Record<string, unknown>) => ({ ...v, amount_minor: Number(v.amount_minor) })),
    }
  },

  async erase(customerId, manager, { container }) {
    const members = await manager.query(
      `UPDATE loyalty_member
          SET phone = NULL, birthday = NULL,
              consent_changed_at = CASE WHEN marketing_consent THEN now() ELSE consent_changed_at END,
              marketing_consent = false, updated_at = now()
        WHERE customer_id = $1 RETURNING customer_id`,
      [customerId]
    )
    const cards = container.resolve<CardService>("cardService").withTransaction(manager)
    const customerCards = await everyPage((page) => cards.listAndCount({ kind: "customer_card", customer_id: customerId }, page))
    let blocked = 0
    for (const card of customerCards) {
      if (card.status !== "blocked") {
        await cards.setStatus(card.id, "blocked")
        blocked += 1
      }
    }
    const [{ count }] = await manager.query(`SELECT count(*)::int AS count FROM loyalty_visit WHERE customer_id = $1`, [customerId])
    return {
      anonymised: { members: affectedRows(members), cards_blocked: blocked },
      retained: [
        {
          what: "points_account",
          reason: {
            de: "Das Punktekonto und seine Buchungen bleiben (Ledger: nur anhängen, Grundlage der Umsatz- und Rabattbuchungen)",
            en: "The points account and its movements stay (the ledger is append-only and backs the revenue and discount records)",
            pt: "A conta de pontos e os seus movimentos ficam (o livro-razão só acrescenta e sustenta os registos de receita e descontos)",
          },
        },
        {
          what: "visits",
          count,
          reason: {
            de: "Besuche bleiben ohne persönliche Daten, an Bons und Bestellungen gebunden (Aufbewahrung § 147 AO)",
            en: "Visits stay, without personal data, tied to receipts and orders (retention, German AO § 147)",
            pt: "As visitas ficam, sem dados pessoais, ligadas a talões e encomendas (conservação legal)",
          },
        },
      ],
    }
  },
}
