import { defineMailKind, mailText } from "@customer-modules/jobs"

import { reservationMailSchema, sampleReservation } from "./data"

/** To the guest, the day before: a reminder with the cancel link. */
export default defineMailKind({
  kind: "reservation_reminder",
  plugin: "reservation",
  schema: reservationMailSchema,
  sample: sampleReservation,
  templates: {
    de: (d, c) => ({
      ...mailText.base(d.name, c),
      subject: `Erinnerung: morgen bei ${d.location_name}`,
      paragraphs: ["wir freuen uns, Sie morgen zu sehen. Falls Sie doch nicht kommen können, stornieren Sie bitte rechtzeitig."],
      details: [["Wann", c.dateTime(d.starts_at, d.time_zone)], ["Personen", String(d.party_size)], ["Reservierung", d.reference]],
      action: d.cancel_url ? { label: "Reservierung stornieren", url: d.cancel_url } : undefined,
    }),
    en: (d, c) => ({
      ...mailText.base(d.name, c),
      subject: `Reminder: tomorrow at ${d.location_name}`,
      paragraphs: ["We look forward to seeing you tomorrow. If you cannot come after all, please cancel in time."],
      details: [["When", c.dateTime(d.starts_at, d.time_zone)], ["Guests", String(d.party_size)], ["Reservation", d.reference]],
      action: d.cancel_url ? { label: "Cancel reservation", url: d.cancel_url } : undefined,
    }),
    pt: (d, c) => ({
      ...mailText.base(d.name, c),
      subject: `Lembrete: amanhã em ${d.location_name}`,
      paragraphs: ["Aguardamos a sua visita amanhã. Se afinal não puder vir, cancele a tempo, por favor."],
      details: [["Quando", c.dateTime(d.starts_at, d.time_zone)], ["Pessoas", String(d.party_size)], ["Reserva", d.reference]],
      action: d.cancel_url ? { label: "Cancelar reserva", url: d.cancel_url } : undefined,
    }),
  },
})
