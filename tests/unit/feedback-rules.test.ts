/**
 * The one rule evaluator shared by the server and the tablet app: show_if,
 * required, ranges, the seeded random order, and which questionnaire a
 * tablet shows by rotation or time window.
 */
import { describe, expect, it } from "vitest"

import {
  checkAnswers,
  checkDefinition,
  Definition,
  isShown,
  nextQuestion,
  questionOrder,
  seedOf,
  visibleAnswers,
} from "../../src/plugins/feedback/src/shared/rules"
import { showing } from "../../src/plugins/feedback/src/shared/schedule"

const branching: Definition = {
  questions: [
    { id: "mood", type: "smiley", title: { de: "Wie war es?", en: "How was it?", pt: "Como foi?" }, required: true },
    { id: "why", type: "multiple_choice", title: "What went wrong?", choices: [{ id: "clean", label: "Cleanliness" }, { id: "smell", label: "Smell" }, { id: "other", label: "Other" }], show_if: { question: "mood", op: "lte", value: 2 } },
    { id: "other_text", type: "text", title: "Tell us more", required: true, show_if: { question: "why", op: "eq", value: "other" } },
    { id: "nps", type: "nps", title: "Recommend us?" },
    { id: "visit", type: "single_choice", title: "Visit", choices: [{ id: "first", label: "First" }, { id: "again", label: "Again" }] },
  ],
}

describe("checkDefinition", () => {
  it("accepts a sound branching definition", () => {
    expect(checkDefinition(branching)).toEqual([])
  })

  it("refuses show_if on a later question, duplicate ids, and values the parent cannot have", () => {
    const later: Definition = { questions: [{ id: "a", type: "rating", title: "A", show_if: { question: "b", op: "eq", value: 1 } }, { id: "b", type: "rating", title: "B" }] }
    expect(checkDefinition(later).map((e) => e.question)).toEqual(["a"])
    expect(checkDefinition({ questions: [{ id: "a", type: "rating", title: "A" }, { id: "a", type: "nps", title: "B" }] })).toHaveLength(1)
    const outOfScale: Definition = { questions: [{ id: "a", type: "rating", title: "A" }, { id: "b", type: "text", title: "B", show_if: { question: "a", op: "eq", value: 9 } }] }
    expect(checkDefinition(outOfScale)[0].message).toMatch(/from 1 to 5/)
    const noChoice: Definition = { questions: [{ id: "a", type: "single_choice", title: "A", choices: [{ id: "x", label: "X" }, { id: "y", label: "Y" }] }, { id: "b", type: "text", title: "B", show_if: { question: "a", op: "eq", value: "z" } }] }
    expect(checkDefinition(noChoice)[0].message).toMatch(/not a choice/)
    const onText: Definition = { questions: [{ id: "a", type: "text", title: "A" }, { id: "b", type: "text", title: "B", show_if: { question: "a", op: "eq", value: "x" } }] }
    expect(checkDefinition(onText)).toHaveLength(1)
  })
})

describe("isShown and checkAnswers", () => {
  it("shows a follow-up only when its rule is met, through a chain of rules", () => {
    expect(isShown(branching, "why", { mood: 2 })).toBe(true)
    expect(isShown(branching, "why", { mood: 4 })).toBe(false)
    expect(isShown(branching, "other_text", { mood: 1, why: ["smell", "other"] })).toBe(true)
    // The chain: "other" was picked, but the parent of "why" now hides it.
    expect(isShown(branching, "other_text", { mood: 5, why: ["other"] })).toBe(false)
  })

  it("accepts a complete response and refuses unknown, hidden, out-of-range and missing required answers", () => {
    expect(checkAnswers(branching, { mood: 1, why: ["other"], other_text: "No paper", nps: 10, visit: "first" })).toEqual([])
    expect(checkAnswers(branching, { mood: 4 })).toEqual([])
    expect(checkAnswers(branching, { mood: 4, colour: 1 }).map((e) => e.code)).toEqual(["unknown_question"])
    expect(checkAnswers(branching, { mood: 6 }).map((e) => e.code)).toEqual(["out_of_range"])
    expect(checkAnswers(branching, { mood: 2.5 }).map((e) => e.code)).toEqual(["invalid_value"])
    expect(checkAnswers(branching, { mood: 4, nps: 11 }).map((e) => e.code)).toEqual(["out_of_range"])
    expect(checkAnswers(branching, { mood: 4, visit: "never" }).map((e) => e.code)).toEqual(["out_of_range"])
    expect(checkAnswers(branching, { mood: 4, why: ["clean"] }).map((e) => e.code)).toEqual(["hidden_question"])
    expect(checkAnswers(branching, { mood: 1, why: ["other"] }).map((e) => e.code)).toEqual(["required"])
    expect(checkAnswers(branching, {}).map((e) => e.code)).toEqual(["required"])
    expect(checkAnswers(branching, { mood: 1, why: ["clean", "clean"] }).map((e) => e.code)).toEqual(["out_of_range"])
  })

  it("drops answers a changed earlier answer hides", () => {
    expect(visibleAnswers(branching, { mood: 5, why: ["other"], other_text: "x", nps: 3 })).toEqual({ mood: 5, nps: 3 })
  })
})

describe("questionOrder and nextQuestion", () => {
  const many: Definition = {
    randomize: true,
    questions: [
      ...Array.from({ length: 8 }, (_, i) => ({ id: `q${i}`, type: "rating" as const, title: `Q${i}` })),
      { id: "q3_more", type: "text", title: "More", show_if: { question: "q3", op: "lte", value: 2 } },
    ],
  }

  it("gives the same order for the same seed and keeps a follow-up right after its question", () => {
    const seed = seedOf("client-1234")
    const order = questionOrder(many, seed)
    expect(questionOrder(many, seed)).toEqual(order)
    expect(order).toHaveLength(9)
    expect(order.indexOf("q3_more")).toBe(order.indexOf("q3") + 1)
  })

  it("shuffles the whole list, not only the first group: every question is first for some seed", () => {
    const firsts = new Set<string>()
    const lasts = new Set<string>()
    for (let i = 0; i < 400; i++) {
      const order = questionOrder(many, seedOf(`c-${i}`))
      firsts.add(order[0])
      lasts.add(order[order.length - 1])
    }
    expect(firsts.size).toBe(8)
    expect(lasts.size).toBeGreaterThanOrEqual(8)
  })

  it("keeps the defined order without randomize", () => {
    expect(questionOrder(branching, 42)).toEqual(["mood", "why", "other_text", "nps", "visit"])
  })

  it("skips hidden follow-ups and ends after the last shown question", () => {
    const order = questionOrder(branching, 1)
    expect(nextQuestion(branching, order, {}, null)).toBe("mood")
    expect(nextQuestion(branching, order, { mood: 5 }, "mood")).toBe("nps")
    expect(nextQuestion(branching, order, { mood: 1 }, "mood")).toBe("why")
    expect(nextQuestion(branching, order, { mood: 1, why: ["smell"] }, "why")).toBe("nps")
    expect(nextQuestion(branching, order, { mood: 5, nps: 9, visit: "again" }, "visit")).toBeNull()
  })
})

describe("showing", () => {
  const zone = "Europe/Berlin"

  it("rotates every N minutes counted from the epoch", () => {
    const a = { questionnaire_ids: ["A", "B", "C"], rotate_minutes: 15 }
    const base = Date.UTC(2026, 0, 5, 9, 0) // a multiple of 15 minutes
    const slot = Math.floor(base / (15 * 60_000))
    const at = (min: number) => showing(a, new Date(base + min * 60_000), zone)
    expect(at(0).questionnaire_id).toBe(["A", "B", "C"][slot % 3])
    expect(at(14.99).questionnaire_id).toBe(["A", "B", "C"][slot % 3])
    expect(at(15).questionnaire_id).toBe(["A", "B", "C"][(slot + 1) % 3])
    expect(at(0).until?.toISOString()).toBe(new Date(base + 15 * 60_000).toISOString())
  })

  it("prefers a weekday and time window in the location's zone", () => {
    const a = { questionnaire_ids: ["A"], windows: [{ weekday: 1, from: "11:30", to: "14:00", questionnaire_id: "LUNCH" }] }
    // Monday 2026-01-05 11:30 in Berlin is 10:30 UTC.
    expect(showing(a, new Date("2026-01-05T10:30:00Z"), zone).questionnaire_id).toBe("LUNCH")
    expect(showing(a, new Date("2026-01-05T10:29:00Z"), zone).questionnaire_id).toBe("A")
    expect(showing(a, new Date("2026-01-05T13:00:00Z"), zone).questionnaire_id).toBe("A")
    expect(showing(a, new Date("2026-01-06T10:30:00Z"), zone).questionnaire_id).toBe("A")
  })

  it("shows nothing without an assignment", () => {
    expect(showing({ questionnaire_ids: [] }, new Date(), zone)).toEqual({ questionnaire_id: null, reason: "none", until: null })
  })
})
