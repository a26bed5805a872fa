import { z } from "zod"

import { defineMailKind, mailText } from "@customer-modules/jobs"

/** The merchant's alert: the share of bad ratings in a window crossed the threshold. */
export default defineMailKind({
  kind: "feedback_alert",
  plugin: "feedback",
  schema: z
    .object({
      questionnaire_title: z.string().max(200),
      bad: z.number().int().min(0),
      total: z.number().int().min(1),
      share_percent: z.number().int().min(0).max(100),
      threshold_percent: z.number().int().min(1).max(100),
      window_minutes: z.number().int().min(1),
      since: z.string(),
      time_zone: z.string().max(64),
    })
    .strict(),
  sample: { questionnaire_title: "Washroom", bad: 4, total: 6, share_percent: 67, threshold_percent: 50, window_minutes: 60, since: "2026-03-02T10:00:00Z", time_zone: "Europe/Berlin" },
  templates: {
    de: (d, c) => ({
      subject: `Feedback-Alarm: ${d.share_percent} % schlechte Bewertungen (${d.questionnaire_title})`,
      greeting: mailText.hello(null, "de"),
      paragraphs: [
        `In den letzten ${d.window_minutes} Minuten waren ${d.bad} von ${d.total} Bewertungen im Fragebogen „${d.questionnaire_title}“ schlecht – mehr als die eingestellten ${d.threshold_percent} %.`,
        "Bitte prüfen Sie die Lage vor Ort; die Freitexte stehen im Backoffice unter Feedback → Ergebnisse.",
      ],
      details: [
        ["Seit", c.dateTime(d.since, d.time_zone)],
        ["Schlecht / gesamt", `${d.bad} / ${d.total}`],
      ],
      closing: mailText.bye(c.sender, "de"),
    }),
    en: (d, c) => ({
      subject: `Feedback alert: ${d.share_percent}% bad ratings (${d.questionnaire_title})`,
      greeting: mailText.hello(null, "en"),
      paragraphs: [
        `In the last ${d.window_minutes} minutes, ${d.bad} of ${d.total} ratings of the questionnaire “${d.questionnaire_title}” were bad — more than the ${d.threshold_percent}% you set.`,
        "Please check on site; the free texts are in the back office under Feedback → Results.",
      ],
      details: [
        ["Since", c.dateTime(d.since, d.time_zone)],
        ["Bad / total", `${d.bad} / ${d.total}`],
      ],
      closing: mailText.bye(c.sender, "en"),
    }),
    pt: (d, c) => ({
      subject: `Alerta de feedback: ${d.share_percent}% de avaliações más (${d.questionnaire_title})`,
      greeting: mailText.hello(null, "pt"),
      paragraphs: [
        `Nos últimos ${d.window_minutes} minutos, ${d.bad} de ${d.total} avaliações do questionário «${d.questionnaire_title}» foram más — mais do que os ${d.threshold_percent}% definidos.`,
        "Verifique a situação no local; os textos livres estão no back office em Feedback → Resultados.",
      ],
      details: [
        ["Desde", c.dateTime(d.since, d.time_zone)],
        ["Más / total", `${d.bad} / ${d.total}`],
      ],
      closing: mailText.bye(c.sender, "pt"),
    }),
  },
})
