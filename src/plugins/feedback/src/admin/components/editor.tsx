import { Button, Checkbox, Container, Heading, Input, Label, Text } from "@medusajs/ui"
import { useState } from "react"

import { adminFetch, adminLocale, texts } from "./texts"
import { checkDefinition, CONDITION_OPS, Definition, LOCALES, Question, QUESTION_TYPES, scaleOf, textIn } from "../../shared/rules"

type Texts3 = { de: string; en: string; pt: string }
type DraftChoice = { id: string; label: Texts3 }
type DraftQuestion = {
  id: string
  type: Question["type"]
  title: Texts3
  required: boolean
  choices: DraftChoice[]
  show_if: { question: string; op: (typeof CONDITION_OPS)[number]; value: string } | null
}
export type Draft = { id: string | null; title: string; randomize: boolean; thank_you: Texts3; questions: DraftQuestion[] }

const empty3 = (): Texts3 => ({ de: "", en: "", pt: "" })
const as3 = (t: unknown): Texts3 => (typeof t === "string" ? { de: t, en: t, pt: t } : { ...empty3(), ...(t as Partial<Texts3>) })
const trim3 = (t: Texts3) => Object.fromEntries(Object.entries(t).filter(([, v]) => v.trim()).map(([k, v]) => [k, v.trim()]))

export const newDraft = (): Draft => ({ id: null, title: "", randomize: false, thank_you: empty3(), questions: [] })

export function draftOf(id: string, title: string, def: Definition): Draft {
  return {
    id,
    title,
    randomize: def.randomize ?? false,
    thank_you: as3(def.thank_you ?? ""),
    questions: def.questions.map((q) => ({
      id: q.id,
      type: q.type,
      title: as3(q.title),
      required: q.required ?? false,
      choices: (q.choices ?? []).map((c) => ({ id: c.id, label: as3(c.label) })),
      show_if: q.show_if ? { question: q.show_if.question, op: q.show_if.op, value: Array.isArray(q.show_if.value) ? q.show_if.value.join(",") : String(q.show_if.value) } : null,
    })),
  }
}

/** The draft as the API's definition: scale values as numbers, `in` as a list. */
export function definitionOf(d: Draft): Definition {
  const byId = new Map(d.questions.map((q) => [q.id, q]))
  const valueOf = (raw: string, parent: DraftQuestion | undefined) => (parent && scaleOf(parent.type) ? Number(raw.trim()) : raw.trim())
  return {
    ...(d.randomize ? { randomize: true } : {}),
    ...(Object.keys(trim3(d.thank_you)).length ? { thank_you: trim3(d.thank_you) } : {}),
    questions: d.questions.map((q) => ({
      id: q.id.trim(),
      type: q.type,
      title: trim3(q.title),
      ...(q.required ? { required: true } : {}),
      ...(q.type === "single_choice" || q.type === "multiple_choice" ? { choices: q.choices.map((c) => ({ id: c.id.trim(), label: trim3(c.label) })) } : {}),
      ...(q.show_if
        ? {
            show_if: {
              question: q.show_if.question,
              op: q.show_if.op,
              value: q.show_if.op === "in" ? q.show_if.value.split(",").filter((v) => v.trim()).map((v) => valueOf(v, byId.get(q.show_if!.question))) : valueOf(q.show_if.value, byId.get(q.show_if.question)),
            },
          }
        : {}),
    })),
  }
}

const TextInputs = ({ prefix, value, onChange, label }: { prefix: string; value: Texts3; onChange: (v: Texts3) => void; label: string }) => (
  <div className="grid grid-cols-3 gap-2">
    {LOCALES.map((l) => (
      <div key={l}>
        <Label htmlFor={`${prefix}-${l}`}>{`${label} (${l})`}</Label>
        <Input id={`${prefix}-${l}`} value={value[l]} onChange={(e) => onChange({ ...value, [l]: e.target.value })} />
      </div>
    ))}
  </div>
)

/** The questionnaire editor: questions of every type in de/en/pt, follow-up rules, random order, preview. */
export const Editor = ({ initial, onSaved }: { initial: Draft; onSaved: (id: string, version: number) => void }) => {
  const t = texts()
  const [draft, setDraft] = useState<Draft>(initial)
  const [error, setError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch })
  const setQ = (i: number, patch: Partial<DraftQuestion>) => set({ questions: draft.questions.map((q, j) => (j === i ? { ...q, ...patch } : q)) })
  const definition = definitionOf(draft)
  const problems = draft.questions.length ? checkDefinition(definition) : []
  const save = async () => {
    setSaving(true)
    setError(null)
    try {
      const body = { title: draft.title.trim(), definition }
      const answer = draft.id
        ? await adminFetch<{ questionnaire: { id: string; version: number } }>("PUT", `/feedback/questionnaires/${draft.id}`, body)
        : await adminFetch<{ questionnaire: { id: string; version: number } }>("POST", "/feedback/questionnaires", body)
      set({ id: answer.questionnaire.id })
      onSaved(answer.questionnaire.id, answer.questionnaire.version)
    } catch (e) {
      setError((e as Error).message)
    } finally {
      setSaving(false)
    }
  }
  const locale = adminLocale()
  return (
    <Container className="mb-4" data-testid="feedback-editor">
      <Heading level="h2">{draft.id ? `${t.edit}: ${draft.title}` : t.new_questionnaire}</Heading>
      <div className="my-2 flex items-end gap-4">
        <div className="flex-1">
          <Label htmlFor="fb-title">{t.name}</Label>
          <Input id="fb-title" value={draft.title} onChange={(e) => set({ title: e.target.value })} />
        </div>
        <div className="flex items-center gap-2">
          <Checkbox id="fb-randomize" checked={draft.randomize} onCheckedChange={(v) => set({ randomize: v === true })} />
          <Label htmlFor="fb-randomize">{t.randomize}</Label>
        </div>
      </div>
      {draft.questions.map((q, i) => (
        <div key={i} className="border-ui-border-base my-3 rounded-md border p-3" data-testid={`fb-question-${i}`}>
          <div className="flex items-end gap-2">
            <div>
              <Label htmlFor={`fb-q${i}-id`}>{t.question_id}</Label>
              <Input id={`fb-q${i}-id`} value={q.id} onChange={(e) => setQ(i, { id: e.target.value })} />
            </div>
            <div>
              <Label htmlFor={`fb-q${i}-type`}>{t.type}</Label>
              <select id={`fb-q${i}-type`} className="bg-ui-bg-field border-ui-border-base rounded-md border p-2" value={q.type} onChange={(e) => setQ(i, { type: e.target.value as Question["type"] })}>
                {QUESTION_TYPES.map((type) => (
                  <option key={type} value={type}>{type}</option>
                ))}
              </select>
            </div>
            <div className="flex items-center gap-2">
              <Checkbox id={`fb-q${i}-required`} checked={q.required} onCheckedChange={(v) => setQ(i, { required: v === true })} />
              <Label htmlFor={`fb-q${i}-required`}>{t.required}</Label>
            </div>
            <Button variant="secondary" size="small" onClick={() => set({ questions: draft.questions.filter((_, j) => j !== i) })}>{t.remove}</Button>
          </div>
          <TextInputs prefix={`fb-q${i}-title`} label={t.question_text} value={q.title} onChange={(title) => setQ(i, { title })} />
          {(q.type === "single_choice" || q.type === "multiple_choice") && (
            <div className="ml-4 mt-2">
              <Text weight="plus">{t.choices}</Text>
              {q.choices.map((c, k) => (
                <div key={k} className="flex items-end gap-2">
                  <div>
                    <Label htmlFor={`fb-q${i}-c${k}-id`}>{t.choice_id}</Label>
                    <Input id={`fb-q${i}-c${k}-id`} value={c.id} onChange={(e) => setQ(i, { choices: q.choices.map((x, m) => (m === k ? { ...x, id: e.target.value } : x)) })} />
                  </div>
                  <div className="flex-1">
                    <TextInputs prefix={`fb-q${i}-c${k}-label`} label={t.value} value={c.label} onChange={(label) => setQ(i, { choices: q.choices.map((x, m) => (m === k ? { ...x, label } : x)) })} />
                  </div>
                </div>
              ))}
              <Button variant="transparent" size="small" onClick={() => setQ(i, { choices: [...q.choices, { id: `c${q.choices.length + 1}`, label: empty3() }] })}>{t.add_choice}</Button>
            </div>
          )}
          {i > 0 && (
            <div className="mt-2 flex items-end gap-2">
              <div>
                <Label htmlFor={`fb-q${i}-if`}>{t.show_if}</Label>
                <select
                  id={`fb-q${i}-if`}
                  className="bg-ui-bg-field border-ui-border-base rounded-md border p-2"
                  value={q.show_if?.question ?? ""}
                  onChange={(e) => setQ(i, { show_if: e.target.value ? { question: e.target.value, op: q.show_if?.op ?? "eq", value: q.show_if?.value ?? "" } : null })}
                >
                  <option value="">{t.always}</option>
                  {draft.questions.slice(0, i).filter((p) => p.type !== "text").map((p) => (
                    <option key={p.id} value={p.id}>{p.id}</option>
                  ))}
                </select>
              </div>
              {q.show_if && (
                <>
                  <div>
                    <Label htmlFor={`fb-q${i}-op`}>{t.op}</Label>
                    <select id={`fb-q${i}-op`} className="bg-ui-bg-field border-ui-border-base rounded-md border p-2" value={q.show_if.op} onChange={(e) => setQ(i, { show_if: { ...q.show_if!, op: e.target.value as (typeof CONDITION_OPS)[number] } })}>
                      {CONDITION_OPS.map((op) => (
                        <option key={op} value={op}>{op}</option>
                      ))}
                    </select>
                  </div>
                  <div>
                    <Label htmlFor={`fb-q${i}-value`}>{t.value}</Label>
                    <Input id={`fb-q${i}-value`} value={q.show_if.value} onChange={(e) => setQ(i, { show_if: { ...q.show_if!, value: e.target.value } })} />
                  </div>
                </>
              )}
            </div>
          )}
        </div>
      ))}
      <Button
        variant="secondary"
        onClick={() => set({ questions: [...draft.questions, { id: `q${draft.questions.length + 1}`, type: "smiley", title: empty3(), required: false, choices: [], show_if: null }] })}
      >
        {t.add_question}
      </Button>
      <div className="mt-3">
        <TextInputs prefix="fb-thanks" label={t.thank_you} value={draft.thank_you} onChange={(thank_you) => set({ thank_you })} />
      </div>
      {problems.length > 0 && (
        <Text className="text-ui-fg-error" data-testid="fb-problems">{`${t.error_invalid}: ${problems.map((p) => p.message).join("; ")}`}</Text>
      )}
      {error && <Text className="text-ui-fg-error" role="alert">{error}</Text>}
      <div className="mt-3 flex gap-2">
        <Button onClick={() => void save()} isLoading={saving} disabled={!draft.title.trim() || !draft.questions.length || problems.length > 0}>{t.save}</Button>
      </div>
      <Heading level="h3" className="mt-4">{t.preview}</Heading>
      <ol className="ml-6 list-decimal" data-testid="fb-preview">
        {definition.questions.map((q) => (
          <li key={q.id}>
            <Text>
              {textIn(q.title, locale)} <span className="text-ui-fg-subtle">({q.type}{q.required ? ", *" : ""}{q.show_if ? `, ${t.show_if.toLowerCase()} ${q.show_if.question} ${q.show_if.op} ${String(q.show_if.value)}` : ""})</span>
            </Text>
            {q.choices && <Text className="text-ui-fg-subtle">{q.choices.map((c) => textIn(c.label, locale)).join(" · ")}</Text>}
          </li>
        ))}
      </ol>
    </Container>
  )
}

