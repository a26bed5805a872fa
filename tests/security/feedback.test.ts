/**
 * Wrong actors on every feedback route: the internet (no credentials), a
 * signed-in customer, a terminal key without the feedback scope, and a
 * feedback tablet on the admin routes. None of them reads or writes anything.
 */
import { randomUUID } from "crypto"

import { beforeAll, describe, expect, it } from "vitest"

import { adminApi, api } from "../support/api"
import { signUp } from "../support/customers"
import { clientIp, createTerminal, posApi } from "../support/pos"

let tablet: string
let tabletId: string
let locationId: string
let wrongScope: string
let customerToken: string
let questionnaireId: string
let checklistId: string

const definition = { questions: [{ id: "mood", type: "smiley", title: { de: "Wie war es?", en: "How was it?", pt: "Como foi?" }, required: true }] }

beforeAll(async () => {
  const made = await createTerminal({ scopes: ["feedback"] })
  tablet = made.key
  tabletId = made.terminal.id
  locationId = made.location.id
  wrongScope = (await createTerminal({ scopes: ["loyalty", "gift_card", "prepaid_charge", "prepaid_topup", "debtor"], location_id: locationId })).key
  customerToken = (await signUp({ first_name: "Fee", last_name: "Dback" })).token
  const q = await adminApi("/admin/feedback/questionnaires", { body: { title: "Security", definition } })
  questionnaireId = q.body.questionnaire.id
  await adminApi(`/admin/feedback/terminals/${tabletId}`, { method: "PUT", body: { questionnaire_ids: [questionnaireId] } })
  checklistId = (await adminApi("/admin/feedback/checklists", { body: { location_id: locationId, name: "Sec check" } })).body.checklist.id
})

async function counts(): Promise<{ responses: number; questionnaires: number; checklists: number; checks: number; alert: unknown }> {
  const r = await adminApi(`/admin/feedback/questionnaires/${questionnaireId}/results`)
  const q = await adminApi("/admin/feedback/questionnaires")
  const c = await adminApi("/admin/feedback/checklists")
  const k = await adminApi("/admin/feedback/checks")
  const a = await adminApi(`/admin/feedback/questionnaires/${questionnaireId}/alert`)
  return { responses: r.body.responses, questionnaires: q.body.questionnaires.length, checklists: c.body.checklists.length, checks: k.body.checks.length, alert: a.body.alert }
}

const adminRoutes = (): { method: string; path: string; body?: unknown }[] => [
  { method: "GET", path: "/admin/feedback/questionnaires" },
  { method: "POST", path: "/admin/feedback/questionnaires", body: { title: "X", definition } },
  { method: "GET", path: `/admin/feedback/questionnaires/${questionnaireId}` },
  { method: "PUT", path: `/admin/feedback/questionnaires/${questionnaireId}`, body: { title: "X", definition } },
  { method: "GET", path: `/admin/feedback/questionnaires/${questionnaireId}/results` },
  { method: "GET", path: `/admin/feedback/questionnaires/${questionnaireId}/export` },
  { method: "GET", path: `/admin/feedback/questionnaires/${questionnaireId}/alert` },
  { method: "PUT", path: `/admin/feedback/questionnaires/${questionnaireId}/alert`, body: { email: "x@example.test", threshold_percent: 1, window_minutes: 1 } },
  { method: "GET", path: "/admin/feedback/terminals" },
  { method: "GET", path: `/admin/feedback/terminals/${tabletId}` },
  { method: "PUT", path: `/admin/feedback/terminals/${tabletId}`, body: { questionnaire_ids: [] } },
  { method: "GET", path: "/admin/feedback/stream" },
  { method: "GET", path: "/admin/feedback/checklists" },
  { method: "PUT", path: `/admin/feedback/checklists/${checklistId}`, body: { overdue_email: "x@example.test" } },
  { method: "POST", path: `/admin/feedback/terminals/${tabletId}/pairing`, body: {} },
  { method: "POST", path: "/admin/feedback/checklists", body: { location_id: locationId, name: "X" } },
  { method: "GET", path: "/admin/feedback/checks" },
  { method: "POST", path: "/admin/feedback/shifts", body: { location_id: locationId, name: "X", starts_at: "2026-01-01T08:00:00Z", ends_at: "2026-01-01T16:00:00Z" } },
  { method: "GET", path: `/admin/feedback/plan?location_id=${locationId}&from=2026-01-01&to=2026-01-02` },
]

describe("feedback admin routes", () => {
  it("refuse the internet, a customer, a feedback tablet and a till with 401, writing nothing", async () => {
    const before = await counts()
    const callers: (Record<string, string> | undefined)[] = [undefined, { authorization: `Bearer ${customerToken}` }, { authorization: `Bearer ${tablet}` }, { authorization: `Bearer ${wrongScope}` }]
    for (const route of adminRoutes()) {
      for (const headers of callers) {
        const res = await api(route.path, { method: route.method, body: route.body, headers })
        expect(res.status, `${route.method} ${route.path} ${JSON.stringify(headers)}`).toBe(401)
      }
    }
    expect(await counts()).toEqual(before)
    // The terminal assignment is unchanged.
    expect((await posApi("/store/pos/feedback/questionnaire", { key: tablet })).body.questionnaire.id).toBe(questionnaireId)
  })
})

describe("feedback tablet routes", () => {
  const tabletRoutes = (): { path: string; body?: unknown; headers?: Record<string, string> }[] => [
    { path: "/store/pos/feedback/questionnaire" },
    { path: "/store/pos/feedback/checklists" },
    { path: "/store/pos/feedback/responses", body: { questionnaire_id: questionnaireId, version: 1, client_id: randomUUID(), answered_at: new Date().toISOString(), answers: { mood: 3 } } },
    { path: "/store/pos/checks", body: { checklist_id: checklistId, client_id: randomUUID() }, headers: { "x-staff-card": "ANY" } },
    { path: `/store/pos/checks/${checklistId}/last` },
  ]

  it("refuse the internet and a customer with 401 and a key without the feedback scope with 403, writing nothing", async () => {
    const before = await counts()
    for (const route of tabletRoutes()) {
      const anonymous = await api(route.path, { body: route.body, headers: { "idempotency-key": randomUUID(), ...route.headers } })
      expect(anonymous.status, `internet ${route.path}`).toBe(401)
      const customer = await api(route.path, { body: route.body, token: customerToken, headers: { "idempotency-key": randomUUID(), ...route.headers } })
      expect(customer.status, `customer ${route.path}`).toBe(401)
      const till = await posApi(route.path, { key: wrongScope, body: route.body, headers: route.headers })
      expect(till.status, `wrong scope ${route.path}: ${till.text}`).toBe(403)
    }
    expect(await counts()).toEqual(before)
  })

  it("give a tablet nothing of another location: its checklists and checks are 404", async () => {
    const other = await createTerminal({ scopes: ["feedback"] })
    expect((await posApi(`/store/pos/checks/${checklistId}/last`, { key: other.key })).status).toBe(404)
    const list = await posApi("/store/pos/feedback/checklists", { key: other.key })
    expect(list.body.checklists.map((c: { id: string }) => c.id)).not.toContain(checklistId)
  })

  it("give no key for a pairing code of nobody, whoever asks, and create no code without the admin", async () => {
    const callers: Record<string, string>[] = [{}, { authorization: `Bearer ${customerToken}` }, { authorization: `Bearer ${tablet}` }]
    for (const headers of callers) {
      const res = await api("/store/feedback/pair", { body: { code: "ABCD-EFGH" }, headers: { "x-forwarded-for": clientIp(), ...headers } })
      expect(res.status).toBe(403)
      expect(res.body).toEqual({ type: "invalid_pairing_code", message: expect.any(String) })
      expect(JSON.stringify(res.body)).not.toMatch(/pos_/)
    }
    // The tablet's own key still works: no refused call changed it.
    expect((await posApi("/store/pos/feedback/questionnaire", { key: tablet })).status).toBe(200)
  })

  it("serve the tablet app with a policy that allows no inline script and only its own modules", async () => {
    const page = await api("/feedback/app")
    expect(page.status).toBe(200)
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self'")
    expect(page.text).not.toMatch(/<script(?![^>]*\ssrc=)/)
    expect((await api("/feedback/app/..%2F..%2Fpackage.json")).status).toBe(404)
    expect((await api("/feedback/shared/rules.d.ts")).status).toBe(404)
    const rules = await api("/feedback/shared/rules.js")
    expect(rules.status).toBe(200)
    expect(rules.headers.get("content-type")).toMatch(/javascript/)
  })
})
