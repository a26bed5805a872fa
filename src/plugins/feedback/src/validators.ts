import { z } from "zod"

import { instant } from "@customer-modules/core"

import { checkDefinition, CONDITION_OPS, MAX_CHOICES, MAX_QUESTIONS, MAX_TEXT_LENGTH, QUESTION_TYPES } from "./shared/rules"

const ID = z.string().trim().min(1).max(40).regex(/^[A-Za-z0-9_-]+$/, "letters, digits, _ and - only")
const ENTITY_ID = z.string().trim().min(1).max(64)

/** A guest-facing text: one string or one per language (de, en, pt). */
export const Text = z.union([
  z.string().trim().min(1).max(500),
  z
    .object({
      de: z.string().trim().max(500).optional(),
      en: z.string().trim().max(500).optional(),
      pt: z.string().trim().max(500).optional(),
    })
    .strict()
    .refine((t) => Object.values(t).some((v) => v && v.length), { message: "needs a text in at least one language" }),
])

const Scalar = z.union([z.string().max(40), z.number().int().min(-1000).max(1000)])

export const Question = z
  .object({
    id: ID,
    type: z.enum(QUESTION_TYPES),
    title: Text,
    required: z.boolean().optional(),
    choices: z.array(z.object({ id: ID, label: Text }).strict()).max(MAX_CHOICES).optional(),
    show_if: z
      .object({ question: ID, op: z.enum(CONDITION_OPS), value: z.union([Scalar, z.array(Scalar).min(1).max(MAX_CHOICES)]) })
      .strict()
      .optional(),
  })
  .strict()

export const Definition = z
  .object({
    questions: z.array(Question).min(1).max(MAX_QUESTIONS),
    randomize: z.boolean().optional(),
    thank_you: Text.optional(),
  })
  .strict()
  .superRefine((def, ctx) => {
    for (const e of checkDefinition(def)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: e.message, path: ["questions"] })
    }
  })

export const SaveQuestionnaire = z.object({ title: z.string().trim().min(1).max(200), definition: Definition }).strict()

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, "must be HH:MM")

export const AssignTerminal = z
  .object({
    questionnaire_ids: z.array(ENTITY_ID).max(20),
    rotate_minutes: z.number().int().min(1).max(7 * 24 * 60).nullable().optional(),
    windows: z
      .array(
        z
          .object({ weekday: z.number().int().min(1).max(7), from: HHMM, to: HHMM, questionnaire_id: ENTITY_ID })
          .strict()
          .refine((w) => w.from < w.to, { message: "from must be before to" })
      )
      .max(100)
      .optional(),
    idle_seconds: z.number().int().min(5).max(600).optional(),
    press_interval_ms: z.number().int().min(0).max(5000).optional(),
    show_last_check: z.boolean().optional(),
  })
  .strict()

const AnswerValue = z.union([
  z.number().finite(),
  z.string().max(MAX_TEXT_LENGTH * 2),
  z.array(z.string().max(40)).max(MAX_CHOICES),
])

export const SubmitResponse = z
  .object({
    questionnaire_id: ENTITY_ID,
    version: z.number().int().min(1),
    client_id: z.string().trim().min(8).max(100),
    answered_at: instant,
    locale: z.enum(["de", "en", "pt"]).optional(),
    answers: z
      .record(z.string().max(40), AnswerValue)
      .refine((a) => Object.keys(a).length <= MAX_QUESTIONS, { message: `at most ${MAX_QUESTIONS} answers` }),
  })
  .strict()

export const ResultsQuery = z
  .object({
    from: instant.optional(),
    to: instant.optional(),
    terminal_id: ENTITY_ID.optional(),
    location_id: ENTITY_ID.optional(),
    version: z.coerce.number().int().min(1).optional(),
  })
  .strict()

export const OpeningHours = z
  .array(z.object({ weekday: z.number().int().min(1).max(7), open: HHMM, close: HHMM }).strict())
  .max(50)

const ChecklistFields = {
  name: z.string().trim().min(1).max(200),
  interval_minutes: z.number().int().min(1).max(7 * 24 * 60).nullable().optional(),
  items: z.array(z.object({ id: ID, label: Text }).strict()).max(50).optional(),
  opening_hours: OpeningHours.optional(),
  show_last: z.boolean().optional(),
  /** Mail this address once per overdue period (null: no mail). */
  overdue_email: z.string().trim().email().max(320).nullable().optional(),
  overdue_locale: z.enum(["de", "en", "pt"]).optional(),
}

export const CreateChecklist = z.object({ location_id: ENTITY_ID, ...ChecklistFields }).strict()

export const UpdateChecklist = z
  .object({ ...ChecklistFields, name: ChecklistFields.name.optional() })
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: "nothing to change" })

/** A pairing code as typed: letters and digits, dashes and spaces ignored. */
export const PairBody = z
  .object({ code: z.string().trim().min(4).max(20).transform((s) => s.replace(/[\s-]/g, "").toUpperCase()).pipe(z.string().regex(/^[A-Z0-9]{4,16}$/, "letters and digits only")) })
  .strict()

export const SubmitCheck = z
  .object({
    checklist_id: ENTITY_ID,
    client_id: z.string().trim().min(8).max(100),
    checked_at: instant.optional(),
    items: z.array(ID).max(50).optional(),
  })
  .strict()

export const ChecksQuery = z
  .object({
    checklist_id: ENTITY_ID.optional(),
    location_id: ENTITY_ID.optional(),
    from: instant.optional(),
    to: instant.optional(),
    format: z.enum(["json", "csv"]).optional(),
  })
  .strict()

export const CreateShift = z
  .object({
    location_id: ENTITY_ID,
    staff_id: ENTITY_ID.nullable().optional(),
    name: z.string().trim().min(1).max(200),
    starts_at: instant,
    ends_at: instant,
  })
  .strict()
  .refine((s) => s.ends_at.getTime() > s.starts_at.getTime(), { message: "ends_at must be after starts_at" })

export const ShiftsQuery = z.object({ location_id: ENTITY_ID, from: instant, to: instant }).strict()

export const SetAlert = z
  .object({
    email: z.string().trim().email().max(320),
    locale: z.enum(["de", "en", "pt"]).optional(),
    threshold_percent: z.number().int().min(1).max(100),
    window_minutes: z.number().int().min(1).max(7 * 24 * 60),
    min_responses: z.number().int().min(1).max(10_000).optional(),
    active: z.boolean().optional(),
  })
  .strict()
