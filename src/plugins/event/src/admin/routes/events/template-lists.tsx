/**
 * The structured editors of a template's registration questions and price
 * categories: rows with labels in de/en/pt, the question's type, whether it is
 * required and a choice question's options; the category's price typed in the
 * template's currency. `questionsOut` / `categoriesOut` turn the rows into
 * exactly what the API's validators take (ids kept, new ids made from labels).
 */
import { Button, Checkbox, Input, Label, Text } from "@medusajs/ui"

import { AmountInput, ConfirmButton, EmptyState, useT } from "@customer-modules/admin-kit"
import type { Json, Vars } from "@customer-modules/admin-kit"

import { messages } from "./messages"
import type { LocalText, Template as TemplateRow } from "../../../types"

type Template = Json<TemplateRow>
type QuestionType = "text" | "choice" | "yes_no"
const LANGS = ["de", "en", "pt"] as const
type Lang = (typeof LANGS)[number]

export type LabelDraft = Record<Lang, string>
export type ChoiceDraft = { key: number; id?: string; label: LabelDraft }
export type QuestionDraft = { key: number; id?: string; type: QuestionType; label: LabelDraft; required: boolean; choices: ChoiceDraft[] }
export type CategoryDraft = { key: number; id?: string; label: LabelDraft; price: number | null }

let nextKey = 1
const newKey = () => nextKey++
const emptyLabel = (): LabelDraft => ({ de: "", en: "", pt: "" })
const newChoice = (): ChoiceDraft => ({ key: newKey(), label: emptyLabel() })

/** A plain-text label counts as the German one (the server falls back to German first). */
const labelDraft = (l: LocalText | undefined): LabelDraft => (typeof l === "string" ? { ...emptyLabel(), de: l } : { de: l?.de ?? "", en: l?.en ?? "", pt: l?.pt ?? "" })

export const questionDrafts = (x: Template | null): QuestionDraft[] =>
  (x?.questions ?? []).map((q) => ({
    key: newKey(),
    id: q.id,
    type: q.type,
    label: labelDraft(q.label),
    required: q.required ?? false,
    choices: (q.choices ?? []).map((c) => ({ key: newKey(), id: c.id, label: labelDraft(c.label) })),
  }))

export const categoryDrafts = (x: Template | null): CategoryDraft[] =>
  (x?.price_categories ?? []).map((c) => ({ key: newKey(), id: c.id, label: labelDraft(c.label), price: c.price }))

/** The label as the API takes it: the languages filled in, or null if none is. */
const labelOut = (l: LabelDraft): Partial<LabelDraft> | null => {
  const out: Partial<LabelDraft> = {}
  for (const lang of LANGS) {
    if (l[lang].trim()) out[lang] = l[lang].trim()
  }
  return Object.keys(out).length ? out : null
}

/** A new id (lower-case letters, digits, - and _, at most 40) from the label, unique among `used`. */
const idFrom = (l: LabelDraft, fallback: string, used: Set<string>): string => {
  const text = l.de || l.en || l.pt
  const slug =
    text
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/ß/g, "ss")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 32)
      .replace(/-+$/, "") || fallback
  let id = slug
  for (let n = 2; used.has(id); n++) id = `${slug}-${n}`
  used.add(id)
  return id
}

type T = (key: Extract<keyof (typeof messages)["en"], string>, vars?: Vars) => string

/** The questions as the API takes them, or the first problem (in the merchant's language). */
export const questionsOut = (rows: QuestionDraft[], t: T): { value: unknown[] } | { problem: string } => {
  const used = new Set(rows.map((q) => q.id).filter((x): x is string => !!x))
  const value: unknown[] = []
  for (const [i, q] of rows.entries()) {
    const label = labelOut(q.label)
    if (!label) return { problem: t("questionNeedsLabel", { n: i + 1 }) }
    const out: Record<string, unknown> = { id: q.id ?? idFrom(q.label, `q${i + 1}`, used), type: q.type, label, required: q.required }
    if (q.type === "choice") {
      const usedChoices = new Set(q.choices.map((c) => c.id).filter((x): x is string => !!x))
      const choices: unknown[] = []
      for (const [j, c] of q.choices.entries()) {
        const cl = labelOut(c.label)
        if (!cl) return { problem: t("optionNeedsLabel", { n: i + 1, option: j + 1 }) }
        choices.push({ id: c.id ?? idFrom(c.label, `option${j + 1}`, usedChoices), label: cl })
      }
      if (choices.length < 2) return { problem: t("choiceNeedsOptions", { n: i + 1 }) }
      out.choices = choices
    }
    value.push(out)
  }
  return { value }
}

/** The price categories as the API takes them, or the first problem. */
export const categoriesOut = (rows: CategoryDraft[], t: T): { value: unknown[] } | { problem: string } => {
  const used = new Set(rows.map((c) => c.id).filter((x): x is string => !!x))
  const value: unknown[] = []
  for (const [i, c] of rows.entries()) {
    const label = labelOut(c.label)
    if (!label) return { problem: t("categoryNeedsLabel", { n: i + 1 }) }
    if (c.price === null) return { problem: t("categoryNeedsPrice", { n: i + 1 }) }
    value.push({ id: c.id ?? idFrom(c.label, `category${i + 1}`, used), label, price: c.price })
  }
  return { value }
}

const LabelFields = ({ idPrefix, value, onChange, what }: { idPrefix: string; value: LabelDraft; onChange: (l: LabelDraft) => void; what: "label" | "option" | "name" }) => {
  const t = useT(messages)
  return (
    <div className="grid grid-cols-3 gap-2">
      {LANGS.map((lang) => (
        <div key={lang}>
          <Label htmlFor={`${idPrefix}-${lang}`} size="small">{t(`${what}In_${lang}` as "labelIn_de")}</Label>
          <Input id={`${idPrefix}-${lang}`} size="small" value={value[lang]} maxLength={200} onChange={(e) => onChange({ ...value, [lang]: e.target.value })} />
        </div>
      ))}
    </div>
  )
}

/** The registration questions: add, remove (asked first), move up and down; a choice question's options. */
export const QuestionsEditor = ({ rows, onChange }: { rows: QuestionDraft[]; onChange: (rows: QuestionDraft[]) => void }) => {
  const t = useT(messages)
  const set = (i: number, q: QuestionDraft) => onChange(rows.map((x, j) => (j === i ? q : x)))
  const move = (i: number, by: number) => {
    const next = [...rows]
    ;[next[i], next[i + by]] = [next[i + by], next[i]]
    onChange(next)
  }
  const add = () => onChange([...rows, { key: newKey(), type: "text", label: emptyLabel(), required: false, choices: [] }])
  return (
    <fieldset className="col-span-2 flex flex-col gap-2" data-testid="ev-tpl-questions">
      <legend className="font-medium">{t("questions")}</legend>
      {rows.length === 0 && <EmptyState title={t("noQuestionsTitle")} hint={t("noQuestionsHint")} />}
      {rows.map((q, i) => (
        <div key={q.key} className="border rounded p-2 flex flex-col gap-2" data-testid={`ev-question-${i}`}>
          <div className="flex items-center gap-2">
            <Text weight="plus" size="small">{t("questionN", { n: i + 1 })}</Text>
            <div className="ml-auto flex gap-1">
              <Button type="button" size="small" variant="secondary" disabled={i === 0} onClick={() => move(i, -1)}>{t("moveUp")}</Button>
              <Button type="button" size="small" variant="secondary" disabled={i === rows.length - 1} onClick={() => move(i, 1)}>{t("moveDown")}</Button>
              <ConfirmButton size="small" title={t("removeQuestionTitle", { n: i + 1 })} description={t("removeRowText")} confirmLabel={t("remove")} onConfirm={() => onChange(rows.filter((x) => x.key !== q.key))}>
                {t("remove")}
              </ConfirmButton>
            </div>
          </div>
          <LabelFields idPrefix={`ev-q-${q.key}-label`} value={q.label} what="label" onChange={(label) => set(i, { ...q, label })} />
          <div className="flex items-center gap-4">
            <div>
              <Label htmlFor={`ev-q-${q.key}-type`} size="small">{t("questionType")}</Label>
              <select
                id={`ev-q-${q.key}-type`}
                className="border rounded p-1 ml-2"
                value={q.type}
                onChange={(e) => {
                  const type = e.target.value as QuestionType
                  set(i, { ...q, type, choices: type === "choice" && q.choices.length === 0 ? [newChoice(), newChoice()] : q.choices })
                }}
              >
                <option value="text">{t("typeText")}</option>
                <option value="choice">{t("typeChoice")}</option>
                <option value="yes_no">{t("typeYesNo")}</option>
              </select>
            </div>
            <div className="flex items-center gap-2">
              <Checkbox id={`ev-q-${q.key}-required`} checked={q.required} onCheckedChange={(v) => set(i, { ...q, required: v === true })} />
              <Label htmlFor={`ev-q-${q.key}-required`} size="small">{t("required")}</Label>
            </div>
          </div>
          {q.type === "choice" && (
            <div className="flex flex-col gap-2 pl-4" data-testid={`ev-question-${i}-options`}>
              <Text size="small" weight="plus">{t("options")}</Text>
              {q.choices.map((c, j) => (
                <div key={c.key} className="flex items-end gap-2" data-testid={`ev-question-${i}-option-${j}`}>
                  <div className="flex-1">
                    <LabelFields idPrefix={`ev-q-${q.key}-o-${c.key}`} value={c.label} what="option" onChange={(label) => set(i, { ...q, choices: q.choices.map((x) => (x.key === c.key ? { ...x, label } : x)) })} />
                  </div>
                  <ConfirmButton size="small" disabled={q.choices.length <= 2} title={t("removeOptionTitle", { n: j + 1 })} description={t("removeRowText")} confirmLabel={t("remove")} onConfirm={() => set(i, { ...q, choices: q.choices.filter((x) => x.key !== c.key) })}>
                    {t("remove")}
                  </ConfirmButton>
                </div>
              ))}
              <div>
                <Button type="button" size="small" variant="secondary" disabled={q.choices.length >= 20} onClick={() => set(i, { ...q, choices: [...q.choices, newChoice()] })}>{t("addOption")}</Button>
              </div>
            </div>
          )}
        </div>
      ))}
      <div>
        <Button type="button" size="small" variant="secondary" disabled={rows.length >= 20} onClick={add}>{t("addQuestion")}</Button>
      </div>
    </fieldset>
  )
}

/** The price categories: name (de/en/pt) and price in the template's currency; add, remove (asked first). */
export const CategoriesEditor = ({ rows, currency, onChange }: { rows: CategoryDraft[]; currency: string; onChange: (rows: CategoryDraft[]) => void }) => {
  const t = useT(messages)
  const set = (i: number, c: CategoryDraft) => onChange(rows.map((x, j) => (j === i ? c : x)))
  return (
    <fieldset className="col-span-2 flex flex-col gap-2" data-testid="ev-tpl-categories">
      <legend className="font-medium">{t("priceCategories")}</legend>
      {rows.length === 0 && <EmptyState title={t("noCategoriesTitle")} hint={t("noCategoriesHint")} />}
      {rows.map((c, i) => (
        <div key={c.key} className="border rounded p-2 flex items-end gap-2" data-testid={`ev-category-${i}`}>
          <div className="flex-1">
            <LabelFields idPrefix={`ev-c-${c.key}-name`} value={c.label} what="name" onChange={(label) => set(i, { ...c, label })} />
          </div>
          <div>
            <Label htmlFor={`ev-c-${c.key}-price`} size="small">{t("categoryPrice")}</Label>
            <AmountInput id={`ev-c-${c.key}-price`} size="small" currency={currency} value={c.price} onChange={(price) => set(i, { ...c, price })} />
          </div>
          <ConfirmButton size="small" title={t("removeCategoryTitle", { n: i + 1 })} description={t("removeRowText")} confirmLabel={t("remove")} onConfirm={() => onChange(rows.filter((x) => x.key !== c.key))}>
            {t("remove")}
          </ConfirmButton>
        </div>
      ))}
      <div>
        <Button type="button" size="small" variant="secondary" disabled={rows.length >= 10} onClick={() => onChange([...rows, { key: newKey(), label: emptyLabel(), price: null }])}>{t("addCategory")}</Button>
      </div>
    </fieldset>
  )
}
