import type { CustomerDataDefinition } from "@customer-modules/core"
import { anonymiseRows } from "@customer-modules/core"

/** Registrations of the customer: paid through their orders, or made with their e-mail or phone (the last nine digits). */
const MINE = `(r.order_id IN (SELECT o.id FROM "order" o WHERE o.customer_id = $1)
            OR (r.email IS NOT NULL AND lower(trim(r.email)) = (SELECT lower(trim(c.email)) FROM customer c WHERE c.id = $1))
            OR (length(regexp_replace(coalesce(r.phone, ''), '\\D', '', 'g')) >= 6
                AND right(regexp_replace(r.phone, '\\D', '', 'g'), 9) =
                    (SELECT right(regexp_replace(c.phone, '\\D', '', 'g'), 9) FROM customer c
                      WHERE c.id = $1 AND length(regexp_replace(coalesce(c.phone, ''), '\\D', '', 'g')) >= 6)))`

/**
 * The event plugin's part of a customer's data rights: every registration of
 * the customer, with its answers and participants. Erasure anonymises name,
 * e-mail, phone, answers, participants and note; the registration stays with
 * its places, amount and payment status (capacity and the payment record).
 */
export const eventCustomerData: CustomerDataDefinition = {
  plugin: "event",
  label: { de: "Veranstaltungsanmeldungen", en: "Event registrations", pt: "Inscrições em eventos" },

  async export(customerId, manager) {
    const registrations = await manager.query(
      `SELECT r.id, r.event_id, e.title AS event_title, e.starts_at AS event_starts_at, r.name, r.email, r.phone, r.locale, r.quantity, r.lines,
              r.amount, r.currency_code, r.status, r.payment_status, r.payment_method, r.paid_at, r.answers, r.participants, r.note,
              r.source, r.order_id, r.checked_in_at, r.cancelled_at, r.created_at
         FROM event_registration r JOIN event e ON e.id = r.event_id
        WHERE ${MINE} ORDER BY r.created_at DESC LIMIT 10000`,
      [customerId]
    )
    return { registrations: registrations.map((r: Record<string, unknown>) => ({ ...r, amount: Number(r.amount) })) }
  },

  async erase(customerId, manager) {
    return anonymiseRows(manager, customerId, {
      table: "event_registration",
      what: "registrations",
      set: ["email = NULL", "phone = NULL", "answers = '{}'::jsonb", "participants = '[]'::jsonb", "note = NULL"],
      mine: MINE,
      reason: {
        de: "Anmeldungen bleiben ohne Name und Kontakt mit Plätzen, Betrag und Zahlungsstatus (Kapazität, Zahlungsbeleg)",
        en: "Registrations stay without name and contact, with places, amount and payment status (capacity, payment record)",
        pt: "As inscrições ficam sem nome e contacto, com lugares, valor e estado do pagamento (capacidade, registo do pagamento)",
      },
    })
  },
}
