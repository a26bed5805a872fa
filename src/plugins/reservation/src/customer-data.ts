import type { CustomerDataDefinition } from "@customer-modules/core"
import { affectedRows, anonymiseRows } from "@customer-modules/core"

/**
 * Bookings of the customer: a reservation has no customer id, so it is the
 * customer's when its normalised e-mail or phone (as `normaliseEmail` /
 * `normalisePhone` store them: lower case; the last nine digits) is the
 * customer's.
 */
const GUEST = `WITH guest AS (
    SELECT lower(trim(c.email)) AS email,
           CASE WHEN length(regexp_replace(coalesce(c.phone, ''), '\\D', '', 'g')) >= 6
                THEN right(regexp_replace(c.phone, '\\D', '', 'g'), 9) END AS phone
      FROM customer c WHERE c.id = $1)`
const MINE = `((r.email_norm IS NOT NULL AND r.email_norm = (SELECT email FROM guest))
            OR (r.phone_norm IS NOT NULL AND r.phone_norm = (SELECT phone FROM guest)))`

/**
 * The reservation plugin's part of a customer's data rights: every booking
 * made with the customer's e-mail or phone. Erasure anonymises the guest's
 * name, e-mail, phone, note and newsletter consent and lifts the no-show
 * block kept under them; the bookings stay (table occupancy and statistics).
 */
export const reservationCustomerData: CustomerDataDefinition = {
  plugin: "reservation",
  label: { de: "Tischreservierungen", en: "Table reservations", pt: "Reservas de mesa" },

  async export(customerId, manager) {
    const bookings = await manager.query(
      `${GUEST}
       SELECT r.id, r.location_id, r.status, r.source, r.starts_at, r.ends_at, r.party_size, r.name, r.email, r.phone, r.note, r.locale,
              r.newsletter, r.newsletter_consent_text, r.newsletter_consent_at, r.created_at
         FROM reservation r WHERE ${MINE} ORDER BY r.starts_at DESC LIMIT 10000`,
      [customerId]
    )
    return { bookings }
  },

  async erase(customerId, manager) {
    const [guest] = await manager.query(`${GUEST} SELECT email, phone FROM guest`, [customerId])
    const keys = [guest?.email && `e:${guest.email}`, guest?.phone && `p:${guest.phone}`].filter(Boolean)
    const unblocks = keys.length ? await manager.query(`DELETE FROM reservation_guest_unblock WHERE guest_key = ANY($1) RETURNING guest_key`, [keys]) : []
    const report = await anonymiseRows(manager, customerId, {
      table: "reservation",
      what: "bookings",
      with: GUEST,
      set: ["email = NULL", "email_norm = NULL", "phone = NULL", "phone_norm = NULL", "note = NULL", "newsletter = false", "newsletter_consent_text = NULL", "newsletter_consent_at = NULL"],
      mine: MINE,
      reason: {
        de: "Reservierungen bleiben ohne Name, Kontakt und Notiz (Tischbelegung und Auswertungen)",
        en: "Bookings stay without name, contact and note (table occupancy and statistics)",
        pt: "As reservas ficam sem nome, contacto e nota (ocupação das mesas e estatísticas)",
      },
    })
    return { ...report, removed: { guest_unblocks: affectedRows(unblocks) } }
  },
}
