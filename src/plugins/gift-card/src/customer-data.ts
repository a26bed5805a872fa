import type { CustomerDataDefinition } from "@customer-modules/core"
import { affectedRows, erasedEmail, everyPage } from "@customer-modules/core"
import type { CardService, ValueAccountService } from "@customer-modules/ledger"

/** Voucher shop items the customer bought: on their orders, or under their e-mail. */
const BOUGHT = `(i.order_id IN (SELECT o.id FROM "order" o WHERE o.customer_id = $1)
                 OR lower(i.buyer_email) = (SELECT lower(c.email) FROM customer c WHERE c.id = $1))`

/**
 * The gift-card plugin's part of a customer's data rights: the vouchers linked
 * to the customer (with their movements) and the voucher shop orders they
 * placed as buyer. Erasure anonymises the shop orders already delivered
 * (sender, buyer and recipient names and addresses, message); vouchers and
 * their movements stay (a liability until redeemed or expired, and accounting
 * records), as do shop orders still waiting for their delivery day.
 */
export const giftCardCustomerData: CustomerDataDefinition = {
  plugin: "gift-card",
  label: { de: "Gutscheine", en: "Gift vouchers", pt: "Vales-oferta" },

  async export(customerId, manager, { container }) {
    const cards = container.resolve<CardService>("cardService").withTransaction(manager)
    const accounts = container.resolve<ValueAccountService>("valueAccountService").withTransaction(manager)
    const vouchers = []
    for (const card of await everyPage((page) => cards.listAndCount({ kind: "gift_card", customer_id: customerId }, page))) {
      const account = card.account_id ? await accounts.retrieve(card.account_id) : null
      const history = account ? await everyPage((page) => accounts.history(account.id, page)) : []
      vouchers.push({
        id: card.id,
        code: card.code,
        status: card.status,
        balance: account?.balance ?? null,
        currency_code: account?.currency_code ?? null,
        expires_at: account?.expires_at ?? null,
        created_at: card.created_at,
        movements: history.map((t) => ({ id: t.id, type: t.type, amount: t.amount, balance_after: t.balance_after, reference: t.reference, created_at: t.created_at })),
      })
    }
    const shopOrders = await manager.query(
      `SELECT i.id, i.kind, i.order_id, i.amount, i.currency_code, i.sender_name, i.buyer_email, i.recipient_name, i.recipient_email,
              i.message, i.delivery, i.deliver_on::text AS deliver_on, i.shipping_address, i.issued_at, i.sent_at, i.posted_at, i.created_at
         FROM gift_card_shop_item i WHERE i.order_id IS NOT NULL AND ${BOUGHT} ORDER BY i.created_at DESC LIMIT 10000`,
      [customerId]
    )
    return { vouchers, shop_orders: shopOrders }
  },

  async erase(customerId, manager, { container }) {
    const delivered = await manager.query(
      `UPDATE gift_card_shop_item i
          SET sender_name = NULL, buyer_email = $2, recipient_name = NULL, recipient_email = NULL, message = NULL, shipping_address = NULL
        WHERE ${BOUGHT} AND (i.sent_at IS NOT NULL OR i.order_id IS NULL OR i.kind = 'blank_top_up')
        RETURNING i.id`,
      [customerId, erasedEmail(customerId)]
    )
    const [{ pending }] = await manager.query(`SELECT count(*)::int AS pending FROM gift_card_shop_item i WHERE ${BOUGHT} AND i.buyer_email <> $2`, [
      customerId,
      erasedEmail(customerId),
    ])
    const [, vouchers] = await container.resolve<CardService>("cardService").withTransaction(manager).listAndCount({ kind: "gift_card", customer_id: customerId }, { limit: 1 })
    const retained = [
      {
        what: "vouchers",
        count: vouchers,
        reason: {
          de: "Gutscheine und ihre Buchungen bleiben: offene Verbindlichkeit bis zur Einlösung, danach Buchungsbeleg (§ 147 AO)",
          en: "Vouchers and their movements stay: an open liability until redeemed, then an accounting record (German AO § 147)",
          pt: "Os vales e os seus movimentos ficam: passivo em aberto até ao resgate, depois documento contabilístico",
        },
      },
    ]
    if (pending > 0) {
      retained.push({
        what: "shop_orders_awaiting_delivery",
        count: pending,
        reason: {
          de: "Bezahlte Gutscheinbestellungen vor ihrem Versandtag behalten Empfänger und Nachricht bis zur Zustellung",
          en: "Paid voucher orders before their delivery day keep recipient and message until delivered",
          pt: "Encomendas de vales pagas antes do dia de envio mantêm destinatário e mensagem até à entrega",
        },
      })
    }
    return { anonymised: { shop_orders: affectedRows(delivered) }, retained }
  },
}
