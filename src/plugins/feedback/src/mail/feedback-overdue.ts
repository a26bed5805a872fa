import { z } from "zod"

import { defineMailKind, mailText } from "@customer-modules/jobs"

/** The merchant's notice: a checklist's expected interval passed without a check while the location was open. */
export default defineMailKind({
  kind: "feedback_check_overdue",
  plugin: "feedback",
  schema: z
    .object({
      checklist_name: z.string().max(200),
      location_name: z.string().max(200),
      interval_minutes: z.number().int().min(1),
      due_at: z.string(),
      last_check_at: z.string().nullable(),
      last_staff_name: z.string().max(200).nullable(),
      time_zone: z.string().max(64),
    })
    .strict(),
  sample: {
    checklist_name: "Toilet cleaning",
    location_name: "Main street",
    interval_minutes: 60,
    due_at: "2026-03-02T11:00:00Z",
    last_check_at: "2026-03-02T10:00:00Z",
    last_staff_name: "Anna",
    time_zone: "Europe/Berlin",
  },
  templates: {
    de: (d, c) => ({
      subject: `Kontrolle überfällig: ${d.checklist_name} (${d.location_name})`,
      greeting: mailText.hello(null, "de"),
      paragraphs: [
        `Die Kontrolle „${d.checklist_name}“ in ${d.location_name} ist seit ${c.dateTime(d.due_at, d.time_zone)} fällig (alle ${d.interval_minutes} Minuten) und wurde noch nicht bestätigt.`,
        "Bitte veranlassen Sie die Kontrolle; sie wird am Feedback-Tablet mit der Mitarbeiterkarte bestätigt.",
      ],
      details: [
        ["Fällig seit", c.dateTime(d.due_at, d.time_zone)],
        ["Letzte Kontrolle", d.last_check_at ? `${c.dateTime(d.last_check_at, d.time_zone)}${d.last_staff_name ? ` (${d.last_staff_name})` : ""}` : "keine"],
      ],
      closing: mailText.bye(c.sender, "de"),
    }),
    en: (d, c) => ({
      subject: `Check overdue: ${d.checklist_name} (${d.location_name})`,
      greeting: mailText.hello(null, "en"),
      paragraphs: [
        `The check “${d.checklist_name}” at ${d.location_name} has been due since ${c.dateTime(d.due_at, d.time_zone)} (every ${d.interval_minutes} minutes) and has not been confirmed yet.`,
        "Please have it done; it is confirmed at the feedback tablet with a staff card.",
      ],
      details: [
        ["Due since", c.dateTime(d.due_at, d.time_zone)],
        ["Last check", d.last_check_at ? `${c.dateTime(d.last_check_at, d.time_zone)}${d.last_staff_name ? ` (${d.last_staff_name})` : ""}` : "none"],
      ],
      closing: mailText.bye(c.sender, "en"),
    }),
    pt: (d, c) => ({
      subject: `Controlo em atraso: ${d.checklist_name} (${d.location_name})`,
      greeting: mailText.hello(null, "pt"),
      paragraphs: [
        `O controlo «${d.checklist_name}» em ${d.location_name} está previsto desde ${c.dateTime(d.due_at, d.time_zone)} (a cada ${d.interval_minutes} minutos) e ainda não foi confirmado.`,
        "Providencie o controlo; é confirmado no tablet de feedback com o cartão de funcionário.",
      ],
      details: [
        ["Previsto desde", c.dateTime(d.due_at, d.time_zone)],
        ["Último controlo", d.last_check_at ? `${c.dateTime(d.last_check_at, d.time_zone)}${d.last_staff_name ? ` (${d.last_staff_name})` : ""}` : "nenhum"],
      ],
      closing: mailText.bye(c.sender, "pt"),
    }),
  },
})
