import { defineMailKind, mailText } from "@customer-modules/jobs"

import { reservationMailSchema, sampleReservation } from "./data"

/** To the guest: the reservation is cancelled. */
export default defineMailKind({
  kind: "reservation_cancelled",
  plugin: "reservation",
  schema: reservationMailSchema,
  sample: sampleReservation,
  templates: {
    de: (d, c) => ({
      ...mailText.base(d.name, c),
      subject: `Reservierung storniert: ${c.dateTime(d.starts_at, d.time_zone)}`,
      paragraphs: [`Ihre Reservierung bei ${d.location_name} ist storniert. Wir hoffen, Sie bald ein anderes Mal begrüßen zu dürfen.`],
      details: [["Wann", c.dateTime(d.starts_at, d.time_zone)], ["Personen", String(d.party_size)], ["Reservierung", d.reference]],
    }),
    en: (d, c) => ({
      ...mailText.base(d.name, c),
      subject: `Reservation cancelled: ${c.dateTime(d.starts_at, d.time_zone)}`,
      paragraphs: [`Your reservation at ${d.location_name} is cancelled. We hope to welcome you another time soon.`],
      details: [["When", c.dateTime(d.starts_at, d.time_zone)], ["Guests", String(d.party_size)], ["Reservation", d.reference]],
    }),
    pt: (d, c) => ({
      ...mailText.base(d.name, c),
      subject: `Reserva cancelada: ${c.dateTime(d.starts_at, d.time_zone)}`,
      paragraphs: [`A sua reserva em ${d.location_name} foi cancelada. Esperamos recebê-lo noutra ocasião em breve.`],
      details: [["Quando", c.dateTime(d.starts_at, d.time_zone)], ["Pessoas", String(d.party_size)], ["Reserva", d.reference]],
    }),
  },
})
