import { defineMailKind, mailText } from "@customer-modules/jobs"

import { reservationMailSchema, sampleReservation } from "./data"

/** To the merchant (the branding's reply-to address): a new online booking. */
export default defineMailKind({
  kind: "reservation_merchant_notice",
  plugin: "reservation",
  schema: reservationMailSchema,
  sample: sampleReservation,
  templates: {
    de: (d, c) => ({
      ...mailText.base(null, c),
      subject: `Neue Online-Reservierung: ${c.dateTime(d.starts_at, d.time_zone)}, ${d.party_size} Personen`,
      paragraphs: [`Für ${d.location_name} ist eine neue Reservierung über die Website eingegangen.`],
      details: [["Wann", c.dateTime(d.starts_at, d.time_zone)], ["Personen", String(d.party_size)], ["Name", d.name ?? "–"], ["Telefon", d.phone ?? "–"], ["E-Mail", d.email ?? "–"], ["Anmerkung", d.note ?? "–"], ["Reservierung", d.reference]],
    }),
    en: (d, c) => ({
      ...mailText.base(null, c),
      subject: `New online reservation: ${c.dateTime(d.starts_at, d.time_zone)}, ${d.party_size} guests`,
      paragraphs: [`A new reservation for ${d.location_name} came in through the website.`],
      details: [["When", c.dateTime(d.starts_at, d.time_zone)], ["Guests", String(d.party_size)], ["Name", d.name ?? "–"], ["Phone", d.phone ?? "–"], ["E-mail", d.email ?? "–"], ["Note", d.note ?? "–"], ["Reservation", d.reference]],
    }),
    pt: (d, c) => ({
      ...mailText.base(null, c),
      subject: `Nova reserva online: ${c.dateTime(d.starts_at, d.time_zone)}, ${d.party_size} pessoas`,
      paragraphs: [`Chegou uma nova reserva para ${d.location_name} através do site.`],
      details: [["Quando", c.dateTime(d.starts_at, d.time_zone)], ["Pessoas", String(d.party_size)], ["Nome", d.name ?? "–"], ["Telefone", d.phone ?? "–"], ["E-mail", d.email ?? "–"], ["Observação", d.note ?? "–"], ["Reserva", d.reference]],
    }),
  },
})
