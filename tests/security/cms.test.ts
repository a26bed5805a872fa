/**
 * Wrong actors on the CMS routes: the internet (no login), a signed-in
 * customer and a terminal key get nothing from the admin routes and change
 * nothing; the public routes are read-only, rate-limited per IP and readable
 * cross-origin only from the allowed origins.
 */
import { randomUUID } from "crypto"
import fs from "fs"
import path from "path"

import { beforeAll, describe, expect, inject, it } from "vitest"

import { adminApi, api } from "../support/api"
import type { ApiResponse } from "../support/api"
import { signUp } from "../support/customers"
import { createTerminal } from "../support/pos"
import { ROOT } from "../support/server"

let customerToken: string
let terminalKey: string
let newsId: string
let faqId: string
const marker = `sec${randomUUID().slice(0, 8)}`

beforeAll(async () => {
  customerToken = (await signUp({ first_name: "Cora", last_name: "Cms" })).token
  terminalKey = (await createTerminal({ scopes: ["gift_card", "loyalty"] })).key
  newsId = (await adminApi("/admin/cms/news", { body: { title: `${marker} news`, body: "x" } })).body.news.id
  faqId = (await adminApi("/admin/cms/faq", { body: { question: `${marker} faq`, answer: "x" } })).body.faq.id
})

const ADMIN_ROUTES: [string, string, unknown?][] = [
  ["GET", "/admin/cms/news"],
  ["POST", "/admin/cms/news", { title: "intruder", body: "x" }],
  ["GET", "/admin/cms/news/:news"],
  ["POST", "/admin/cms/news/:news", { title: "intruder" }],
  ["DELETE", "/admin/cms/news/:news"],
  ["GET", "/admin/cms/faq"],
  ["POST", "/admin/cms/faq", { question: "intruder", answer: "x" }],
  ["GET", "/admin/cms/faq/:faq"],
  ["POST", "/admin/cms/faq/:faq", { question: "intruder" }],
  ["DELETE", "/admin/cms/faq/:faq"],
  ["POST", "/admin/cms/faq-order", { ids: [":faq"] }],
  ["POST", "/admin/cms/preview", { markdown: "x" }],
  ["GET", "/admin/cms/settings"],
  ["POST", "/admin/cms/settings", { allowed_origins: ["https://evil.example"] }],
  ["GET", "/admin/cms/wordpress-plugin"],
  ["POST", "/admin/cms/images", { file: "x" }],
  ["GET", "/admin/cms/news/:news/preview"],
  ["GET", "/admin/cms/faq/:faq/preview"],
]

function resolve(path: string): string {
  return path.replace(":news", newsId).replace(":faq", faqId)
}

describe("admin CMS routes refuse everyone but the admin", () => {
  for (const [method, path, body] of ADMIN_ROUTES) {
    it(`${method} ${path}`, async () => {
      const callers: [string, Record<string, string>, string?][] = [
        ["internet", {}],
        ["customer", {}, customerToken],
        ["terminal", {}, terminalKey],
      ]
      for (const [who, headers, token] of callers) {
        const res = await api(resolve(path), {
          method,
          body: body === undefined ? undefined : JSON.parse(resolve(JSON.stringify(body))),
          headers,
          token,
        })
        expect(res.status, `${who}: ${res.text}`).toBe(401)
      }
    })
  }

  it("POST /admin/cms/images with an image (multipart) stores nothing for anyone but the admin", async () => {
    const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64")
    for (const [who, token] of [["internet", undefined], ["customer", customerToken], ["terminal", terminalKey]] as const) {
      const form = new FormData()
      form.append("file", new Blob([png], { type: "image/png" }), `${marker}-${who}.png`)
      const res = await fetch(`${inject("baseUrl")}/admin/cms/images`, { method: "POST", body: form, headers: token ? { authorization: `Bearer ${token}` } : {} })
      expect(res.status, `${who}: ${await res.text()}`).toBe(401)
    }
    const stored = (fs.readdirSync(path.join(ROOT, ".data"), { recursive: true }) as string[]).filter((f) => path.basename(f).includes(marker))
    expect(stored).toEqual([])
  })

  it("left everything as it was", async () => {
    expect((await adminApi(`/admin/cms/news/${newsId}`)).body.news.title).toBe(`${marker} news`)
    expect((await adminApi(`/admin/cms/faq/${faqId}`)).body.faq.question).toBe(`${marker} faq`)
    expect((await adminApi("/admin/cms/settings")).body.settings.allowed_origins).not.toContain("https://evil.example")
    const news = (await adminApi("/admin/cms/news?limit=500")).body.news as { title: string }[]
    expect(news.map((n) => n.title)).not.toContain("intruder")
  })
})

describe("public CMS routes", () => {
  it("are read-only", async () => {
    for (const path of ["/store/cms/news", "/store/cms/faq"]) {
      const res = await api(path, { body: { title: "x" } })
      expect(res.status).toBeGreaterThanOrEqual(400)
      expect(res.status).toBeLessThan(500)
    }
  })

  it("limit requests per IP with 429 and Retry-After, without touching other addresses", async () => {
    const ip = `10.250.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`
    // 1250 requests, 25 at a time (as many connections as a busy site's server might open).
    const answers: ApiResponse<{ type?: string }>[] = []
    await Promise.all(
      Array.from({ length: 25 }, async () => {
        for (let i = 0; i < 50; i++) {
          answers.push(await api("/store/cms/faq?locale=de&format=html", { headers: { "x-forwarded-for": ip } }))
        }
      })
    )
    const limited = answers.filter((r) => r.status === 429)
    expect(limited.length).toBeGreaterThan(0)
    expect(answers.filter((r) => r.status === 200).length).toBe(1200)
    expect(Number(limited[0].headers.get("retry-after"))).toBeGreaterThan(0)
    expect(limited[0].body.type).toBe("rate_limited")
    const other = await api("/store/cms/faq?locale=de&format=html", { headers: { "x-forwarded-for": "10.251.1.1" } })
    expect(other.status).toBe(200)
  }, 90_000)

  it("answer CORS only to the origins the merchant allowed", async () => {
    const res = await api("/store/cms/news?locale=de", { headers: { origin: "https://evil.example" } })
    expect(res.status).toBe(200)
    expect(res.headers.get("access-control-allow-origin")).not.toBe("https://evil.example")
    expect(res.headers.get("vary") ?? "").toMatch(/origin/i)
  })
})
