/**
 * Module demo, feedback: a questionnaire in de/en/pt with a follow-up question
 * (shown only after a poor smiley), a tablet terminal at the first location
 * assigned to it, responses over the last six days (the service takes the
 * answer's own time), a toilet checklist checked by staff cards, and today's
 * and yesterday's shift plan.
 */
import type { FeedbackCheckService, FeedbackService } from "@customer-modules/feedback"

import type { DemoContext } from "./context"

type Terminals = { create(i: { name: string; location_id: string; scopes: string[] }): Promise<{ key: string; terminal: { id: string } }> }

const DEFINITION = {
  questions: [
    { id: "mood", type: "smiley" as const, title: { de: "Wie zufrieden waren Sie heute?", en: "How satisfied were you today?", pt: "Quão satisfeito ficou hoje?" }, required: true },
    {
      id: "why",
      type: "single_choice" as const,
      title: { de: "Was hat Ihnen nicht gefallen?", en: "What did you not like?", pt: "O que não gostou?" },
      choices: [
        { id: "wait", label: { de: "Wartezeit", en: "Waiting time", pt: "Tempo de espera" } },
        { id: "taste", label: { de: "Geschmack", en: "Taste", pt: "Sabor" } },
        { id: "clean", label: { de: "Sauberkeit", en: "Cleanliness", pt: "Limpeza" } },
      ],
      show_if: { question: "mood", op: "lte" as const, value: 2 },
    },
    { id: "recommend", type: "nps" as const, title: { de: "Würden Sie uns weiterempfehlen?", en: "Would you recommend us?", pt: "Recomendaria-nos?" } },
    { id: "comment", type: "text" as const, title: { de: "Möchten Sie uns noch etwas sagen?", en: "Anything else you would like to tell us?", pt: "Quer dizer-nos mais alguma coisa?" } },
  ],
  thank_you: { de: "Danke für Ihr Feedback!", en: "Thank you for your feedback!", pt: "Obrigado pelo seu feedback!" },
}

const COMMENTS = ["Sehr leckerer Kuchen!", "Freundliche Bedienung.", "Great coffee, a bit loud.", "Adorei o pastel.", "Bitte mehr vegane Optionen."]

export type FeedbackDemo = { lines: string[]; tabletKey: string | null }

export async function seedFeedbackDemo(ctx: DemoContext): Promise<FeedbackDemo> {
  if (!ctx.has("feedbackService") || !ctx.locations.length) {
    return { lines: [], tabletKey: null }
  }
  const feedback = ctx.resolve<FeedbackService>("feedbackService")
  const checks = ctx.resolve<FeedbackCheckService>("feedbackCheckService")
  const { clock, locations } = ctx
  const location = locations[0]
  const questionnaire = await feedback.create({ title: "Gästezufriedenheit", definition: DEFINITION }, null)
  const tablet = await ctx.resolve<Terminals>("posTerminalService").create({ name: `Feedback-Tablet ${location.name}`, location_id: location.id, scopes: ["feedback"] })
  await feedback.assign(tablet.terminal.id, { questionnaire_ids: [questionnaire.id], show_last_check: true })

  const terminal = { id: tablet.terminal.id, location_id: location.id }
  let responses = 0
  for (let day = -6; day <= 0; day++) {
    for (let r = 0; r < 4 + ((day + 7) % 3); r++) {
      const answeredAt = clock.at(day, `${String(9 + r * 2).padStart(2, "0")}:${String((r * 17 + day * 5 + 60) % 60).padStart(2, "0")}`)
      if (!clock.past(answeredAt)) {
        continue
      }
      const mood = [5, 4, 5, 2, 4, 3, 1, 5][(r + day + 8) % 8]
      const answers: Record<string, unknown> = { mood, recommend: Math.min(10, mood * 2 + (r % 2)) }
      if (mood <= 2) {
        answers.why = ["wait", "taste", "clean"][(r + 3) % 3]
      }
      if (r % 3 === 0) {
        answers.comment = COMMENTS[(r + day + 7) % COMMENTS.length]
      }
      await feedback.submit(terminal, {
        questionnaire_id: questionnaire.id,
        version: questionnaire.version,
        client_id: `demo-${day + 7}-${r}`,
        answered_at: answeredAt,
        locale: r % 4 === 3 ? "en" : "de",
        answers,
      })
      responses++
    }
  }

  const checklist = await checks.createChecklist({
    location_id: location.id,
    name: "Toilettenkontrolle",
    interval_minutes: 120,
    items: [
      { id: "paper", label: { de: "Papier aufgefüllt", en: "Paper refilled", pt: "Papel reposto" } },
      { id: "soap", label: { de: "Seife aufgefüllt", en: "Soap refilled", pt: "Sabão reposto" } },
      { id: "clean", label: { de: "Gereinigt", en: "Cleaned", pt: "Limpo" } },
    ],
    opening_hours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open: "08:00", close: "22:00" })),
    show_last: true,
  })
  let checked = 0
  for (const day of [-1, 0]) {
    await checks.createShift({ location_id: location.id, staff_id: location.staff[0].id, name: "Frühschicht", starts_at: clock.at(day, "07:30"), ends_at: clock.at(day, "15:00") })
    await checks.createShift({ location_id: location.id, staff_id: location.staff[1].id, name: "Spätschicht", starts_at: clock.at(day, "14:30"), ends_at: clock.at(day, "22:30") })
    for (const time of ["08:10", "10:05", "12:20", "14:15", "16:10", "18:05", "20:00"]) {
      const at = clock.at(day, time)
      if (!clock.past(at)) {
        continue
      }
      const staff = time < "14:30" ? location.staff[0] : location.staff[1]
      await checks.check(terminal, staff.id, { checklist_id: checklist.id, client_id: `demo-check-${day}-${time}`, checked_at: at, items: time === "12:20" ? ["paper", "clean"] : ["paper", "soap", "clean"] })
      checked++
    }
  }
  return {
    lines: [`feedback: 1 questionnaire on a tablet, ${responses} responses over the last days, ${checked} staff checks, 4 shifts`],
    tabletKey: tablet.key,
  }
}
