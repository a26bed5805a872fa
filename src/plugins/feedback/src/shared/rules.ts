/**
 * The one evaluator of questionnaire rules, shared by the server (which
 * refuses what breaks them) and the tablet app (which never offers it): which
 * questions are shown (`show_if`), which are required, which values are in
 * range, and the seeded random order. Pure: no imports, no I/O, no clock, so
 * it compiles both to CommonJS for the server and to an ES module for the
 * browser (tsconfig.app.json) and the two cannot disagree.
 */

export const QUESTION_TYPES = ["smiley", "rating", "nps", "single_choice", "multiple_choice", "text"] as const
export type QuestionType = (typeof QUESTION_TYPES)[number]

export const CONDITION_OPS = ["eq", "neq", "lte", "gte", "in"] as const
export type ConditionOp = (typeof CONDITION_OPS)[number]

export const LOCALES = ["de", "en", "pt"] as const
export type Locale = (typeof LOCALES)[number]

/** A text for the guest: one string, or one per language. */
export type Text = string | Partial<Record<Locale, string>>

export type Condition = { question: string; op: ConditionOp; value: string | number | (string | number)[] }

export type Choice = { id: string; label: Text }

export type Question = {
  id: string
  type: QuestionType
  title: Text
  required?: boolean
  choices?: Choice[]
  show_if?: Condition
}

export type Definition = {
  questions: Question[]
  randomize?: boolean
  thank_you?: Text
}

export type AnswerValue = number | string | string[]
export type Answers = Record<string, AnswerValue>

export type RuleError = { question: string | null; code: RuleErrorCode; message: string }
export type RuleErrorCode =
  | "unknown_question"
  | "hidden_question"
  | "required"
  | "out_of_range"
  | "invalid_value"
  | "invalid_definition"

/** Largest free text an answer may hold. */
export const MAX_TEXT_LENGTH = 2000
export const MAX_QUESTIONS = 100
export const MAX_CHOICES = 50

/** The allowed integer range of a scale question, or null for other types. */
export function scaleOf(type: QuestionType): { min: number; max: number } | null {
  switch (type) {
    case "smiley":
    case "rating":
      return { min: 1, max: 5 }
    case "nps":
      return { min: 0, max: 10 }
    default:
      return null
  }
}

/** The text in the wanted language, else English, German, Portuguese, else "". */
export function textIn(text: Text | undefined, locale: Locale): string {
  if (text === undefined) {
    return ""
  }
  if (typeof text === "string") {
    return text
  }
  return text[locale] ?? text.en ?? text.de ?? text.pt ?? ""
}

/**
 * Everything wrong with a definition: duplicate ids, choice questions without
 * choices, `show_if` that refers to a later or unknown question or to a value
 * the referred question cannot have. Empty when it is sound.
 */
export function checkDefinition(def: Definition): RuleError[] {
  const errors: RuleError[] = []
  const bad = (question: string | null, message: string) => errors.push({ question, code: "invalid_definition", message })
  if (!Array.isArray(def.questions) || def.questions.length === 0) {
    bad(null, "a questionnaire needs at least one question")
    return errors
  }
  if (def.questions.length > MAX_QUESTIONS) {
    bad(null, `at most ${MAX_QUESTIONS} questions`)
  }
  const seen = new Map<string, Question>()
  for (const q of def.questions) {
    if (seen.has(q.id)) {
      bad(q.id, `question id ${q.id} is used twice`)
      continue
    }
    const isChoice = q.type === "single_choice" || q.type === "multiple_choice"
    if (isChoice) {
      const choices = q.choices ?? []
      if (choices.length < 2) {
        bad(q.id, `question ${q.id}: a choice question needs at least two choices`)
      }
      const ids = new Set(choices.map((c) => c.id))
      if (ids.size !== choices.length) {
        bad(q.id, `question ${q.id}: choice ids must be unique`)
      }
    } else if (q.choices && q.choices.length) {
      bad(q.id, `question ${q.id}: only choice questions have choices`)
    }
    if (q.show_if) {
      const parent = seen.get(q.show_if.question)
      if (!parent) {
        bad(q.id, `question ${q.id}: show_if must refer to an earlier question (${q.show_if.question} is not one)`)
      } else {
        const problem = conditionProblem(q.show_if, parent)
        if (problem) {
          bad(q.id, `question ${q.id}: ${problem}`)
        }
      }
    }
    seen.set(q.id, q)
  }
  return errors
}

/** Why a condition cannot work on the question it refers to, or null. */
function conditionProblem(cond: Condition, parent: Question): string | null {
  const values = Array.isArray(cond.value) ? cond.value : [cond.value]
  if (cond.op === "in" ? !Array.isArray(cond.value) || values.length === 0 : Array.isArray(cond.value)) {
    return cond.op === "in" ? "show_if with op in needs a non-empty list of values" : `show_if with op ${cond.op} needs one value`
  }
  if (parent.type === "text") {
    return "show_if cannot refer to a free-text question"
  }
  const scale = scaleOf(parent.type)
  if (scale) {
    for (const v of values) {
      if (typeof v !== "number" || !Number.isInteger(v) || v < scale.min || v > scale.max) {
        return `show_if value must be a whole number from ${scale.min} to ${scale.max}`
      }
    }
    return null
  }
  if (cond.op === "lte" || cond.op === "gte") {
    return `show_if op ${cond.op} works only on smiley, rating and nps questions`
  }
  const ids = new Set((parent.choices ?? []).map((c) => c.id))
  for (const v of values) {
    if (typeof v !== "string" || !ids.has(v)) {
      return `show_if value ${String(v)} is not a choice of question ${parent.id}`
    }
  }
  return null
}

/** Whether an answer meets a condition (a multiple-choice answer meets `eq` when it contains the value). */
export function meets(cond: Condition, answer: AnswerValue | undefined): boolean {
  if (answer === undefined) {
    return false
  }
  const picked: (string | number)[] = Array.isArray(answer) ? answer : [answer]
  const wanted = Array.isArray(cond.value) ? cond.value : [cond.value]
  switch (cond.op) {
    case "eq":
      return picked.includes(wanted[0])
    case "neq":
      return !picked.includes(wanted[0])
    case "in":
      return picked.some((p) => wanted.includes(p))
    case "lte":
      return typeof answer === "number" && answer <= (wanted[0] as number)
    case "gte":
      return typeof answer === "number" && answer >= (wanted[0] as number)
    default:
      return false
  }
}

/**
 * Whether a question is shown given the answers so far: it has no rule, or
 * its rule's question is shown and answered so that the rule is met.
 */
export function isShown(def: Definition, questionId: string, answers: Answers): boolean {
  const byId = new Map(def.questions.map((q) => [q.id, q]))
  let current = byId.get(questionId)
  // A chain of rules, each to an earlier question: at most as long as the list.
  for (let guard = 0; current && guard <= def.questions.length; guard++) {
    if (!current.show_if) {
      return true
    }
    if (!meets(current.show_if, answers[current.show_if.question])) {
      return false
    }
    current = byId.get(current.show_if.question)
  }
  return false
}

/** Why a value is not an answer to the question, or null when it is. */
export function valueProblem(q: Question, value: unknown): { code: RuleErrorCode; message: string } | null {
  const scale = scaleOf(q.type)
  if (scale) {
    if (typeof value !== "number" || !Number.isInteger(value)) {
      return { code: "invalid_value", message: `${q.id}: must be a whole number` }
    }
    if (value < scale.min || value > scale.max) {
      return { code: "out_of_range", message: `${q.id}: must be from ${scale.min} to ${scale.max}` }
    }
    return null
  }
  const ids = new Set((q.choices ?? []).map((c) => c.id))
  switch (q.type) {
    case "single_choice":
      if (typeof value !== "string" || !ids.has(value)) {
        return { code: "out_of_range", message: `${q.id}: must be one of ${[...ids].join(", ")}` }
      }
      return null
    case "multiple_choice":
      if (!Array.isArray(value) || value.length === 0 || value.length > ids.size) {
        return { code: "invalid_value", message: `${q.id}: must be a non-empty list of choices` }
      }
      if (value.some((v) => typeof v !== "string" || !ids.has(v)) || new Set(value).size !== value.length) {
        return { code: "out_of_range", message: `${q.id}: each choice once, from ${[...ids].join(", ")}` }
      }
      return null
    case "text":
      if (typeof value !== "string" || value.trim() === "") {
        return { code: "invalid_value", message: `${q.id}: must be a non-empty text` }
      }
      if (value.length > MAX_TEXT_LENGTH) {
        return { code: "out_of_range", message: `${q.id}: at most ${MAX_TEXT_LENGTH} characters` }
      }
      return null
    default:
      return { code: "invalid_value", message: `${q.id}: unknown question type` }
  }
}

/**
 * Every rule a complete response breaks: answers to unknown questions, to
 * questions its own answers hide, values out of range, required shown
 * questions left out. Empty when the response may be stored.
 */
export function checkAnswers(def: Definition, answers: Record<string, unknown>): RuleError[] {
  const errors: RuleError[] = []
  const byId = new Map(def.questions.map((q) => [q.id, q]))
  for (const [id, value] of Object.entries(answers)) {
    const q = byId.get(id)
    if (!q) {
      errors.push({ question: id, code: "unknown_question", message: `${id}: no such question in this version` })
      continue
    }
    const problem = valueProblem(q, value)
    if (problem) {
      errors.push({ question: id, ...problem })
    }
  }
  if (errors.length) {
    return errors
  }
  const valid = answers as Answers
  for (const q of def.questions) {
    const shown = isShown(def, q.id, valid)
    if (!shown && valid[q.id] !== undefined) {
      errors.push({ question: q.id, code: "hidden_question", message: `${q.id}: this question is not shown for these answers` })
    } else if (shown && q.required && valid[q.id] === undefined) {
      errors.push({ question: q.id, code: "required", message: `${q.id}: an answer is required` })
    }
  }
  return errors
}

/** A 32-bit seed from a string (FNV-1a), e.g. from a response's client id. */
export function seedOf(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h >>> 0
}

/** mulberry32: a small, fast, seeded generator of numbers in [0, 1). */
function generator(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * The order the questions are asked in. Without `randomize`, as defined.
 * With it, the top-level questions are shuffled by the seed (Fisher–Yates
 * over the whole list, not only the first group) and each follow-up stays
 * right after the question it depends on, so a rule always refers to a
 * question asked earlier. The same seed gives the same order, every time.
 */
export function questionOrder(def: Definition, seed: number): string[] {
  const children = new Map<string, Question[]>()
  const roots: Question[] = []
  for (const q of def.questions) {
    if (q.show_if) {
      const list = children.get(q.show_if.question) ?? []
      list.push(q)
      children.set(q.show_if.question, list)
    } else {
      roots.push(q)
    }
  }
  if (def.randomize) {
    const random = generator(seed)
    for (let i = roots.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1))
      const swap = roots[i]
      roots[i] = roots[j]
      roots[j] = swap
    }
  }
  const order: string[] = []
  const visit = (q: Question) => {
    order.push(q.id)
    for (const child of children.get(q.id) ?? []) {
      visit(child)
    }
  }
  roots.forEach(visit)
  return order
}

/**
 * The next question to show after `current` (null = from the start) in the
 * given order, skipping the ones the answers hide; null when the response is
 * complete (the thank-you screen).
 */
export function nextQuestion(def: Definition, order: string[], answers: Answers, current: string | null): string | null {
  const start = current === null ? 0 : order.indexOf(current) + 1
  for (let i = start; i < order.length; i++) {
    if (isShown(def, order[i], answers)) {
      return order[i]
    }
  }
  return null
}

/**
 * Drops answers that a changed earlier answer now hides (a guest went back):
 * in definition order, so a rule's question is decided before its follow-ups.
 */
export function visibleAnswers(def: Definition, answers: Answers): Answers {
  const result: Answers = {}
  for (const q of def.questions) {
    if (answers[q.id] !== undefined && isShown(def, q.id, result)) {
      result[q.id] = answers[q.id]
    }
  }
  return result
}
