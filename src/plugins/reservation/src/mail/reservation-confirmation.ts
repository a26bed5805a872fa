import { defineMailKind, mailText } from "@customer-modules/jobs"

import { reservationMailSchema, sampleReservation } from "./data"

/** To the guest: the booking with date, time, party size and address, a calendar entry (.ics) and the cancel link. */
export default defineMailKind({
  kind: "reservation_confirmation",
  plugin: "reservation",
  schema: reservationMailSchema,
  sample: sampleReservation,
  templates: {
    de: (d, c) => ({
      ...mailText.base(d.name, c),
      subject: `Ihre Reservierung bei ${d.location_name}: ${c.dateTime(d.starts_at, d.time_zone)}`,
      paragraphs: ["vielen Dank für Ihre Reservierung. Wir freuen uns auf Ihren Besuch! Den Termin für Ihren Kalender finden Sie im Anhang."],
      details: [["Wann", c.dateTime(d.starts_at, d.time_zone)], ["Personen", String(d.party_size)], ["Wo", [d.location_name, d.address].filter(Boolean).join(", ")], ["Reservierung", d.reference]],
      action: d.cancel_url ? { label: "Reservierung stornieren", url: d.cancel_url } : undefined,
    }),
    en: (d, c) => ({
      ...mailText.base(d.name, c),
      subject: `Your reservation at ${d.location_name}: ${c.dateTime(d.starts_at, d.time_zone)}`,
      paragraphs: ["Thank you for your reservation. We look forward to your visit! The calendar entry is attached."],
      details: [["When", c.dateTime(d.starts_at, d.time_zone)], ["Guests", String(d.party_size)], ["Where", [d.location_name, d.address].filter(Boolean).join(", ")], ["Reservation", d.reference]],
      action: d.cancel_url ? { label: "Cancel reservation", url: d.cancel_url } : undefined,
    }),
    pt: (d, c) => ({
      ...mailText.base(d.name, c),
      subject: `A sua reserva em ${d.location_name}: ${c.dateTime(d.starts_at, d.time_zone)}`,
      paragraphs: ["Obrigado pela sua reserva. Aguardamos a sua visita! A entrada para o calendário segue em anexo."],
      details: [["Quando", c.dateTime(d.starts_at, d.time_zone)], ["Pessoas", String(d.party_size)], ["Onde", [d.location_name, d.address].filter(Boolean).join(", ")], ["Reserva", d.reference]],
      action: d.cancel_url ? { label: "Cancelar reserva", url: d.cancel_url } : undefined,
    }),
  },
})
