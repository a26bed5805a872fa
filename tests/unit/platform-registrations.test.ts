/**
 * The platform's extension points, as another plugin uses them (decision 73):
 * a mail kind and a document kind registered from outside jobs are validated,
 * rendered in the merchant's layout and, for documents, rendered in the PDF
 * worker threads, which load the kind's module by its path; POS scopes
 * registered from outside pos are accepted and listed; Markdown comes out
 * safe; action tokens verify only for their record and purpose.
 */
import path from "path"

import { describe, expect, it } from "vitest"
import { z } from "zod"

import { ActionTokens } from "../../src/plugins/core/src/utils/action-tokens"
import { embedPage } from "../../src/plugins/core/src/utils/embed-page"
import { markdownToHtml, markdownToText } from "../../src/plugins/core/src/utils/markdown"
import { pdfText } from "../support/pdf"
import { ROOT } from "../support/server"

// The compiled plugins, as the server runs them (one module instance each).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dist = (plugin: string, file: string) => require(path.join(ROOT, "src/plugins", plugin, "dist", file))
const registry = dist("jobs", "registry")
const { renderMail } = dist("jobs", "mail/templates")
const { RenderPool } = dist("jobs", "pdf/pool")
const { renderDocument } = dist("jobs", "pdf/render")
const { DEFAULT_BRANDING } = dist("jobs", "services/branding")
const schemas = dist("jobs", "schemas")
const scopes = dist("pos", "scopes")
const FIXTURE = path.join(ROOT, "tests/fixtures/registered-document.js")

const greeting = registry.defineMailKind({
  kind: "fixture_greeting",
  plugin: "fixture",
  schema: z.object({ name: z.string().min(1), amount_minor: z.number().int() }).strict(),
  sample: { name: "Anna", amount_minor: 1250 },
  templates: {
    de: (d: { name: string; amount_minor: number }, c: { money(a: number, cur: string): string; sender: string }) => ({ subject: `Hallo ${d.name}`, greeting: "Hallo,", paragraphs: [`Guthaben ${c.money(d.amount_minor, "EUR")}`], closing: c.sender }),
    en: (d: { name: string; amount_minor: number }, c: { money(a: number, cur: string): string; sender: string }) => ({ subject: `Hello ${d.name}`, greeting: "Hello,", paragraphs: [`Balance ${c.money(d.amount_minor, "EUR")}`], closing: c.sender }),
    pt: (d: { name: string; amount_minor: number }, c: { money(a: number, cur: string): string; sender: string }) => ({ subject: `Olá ${d.name}`, greeting: "Olá,", paragraphs: [`Saldo ${c.money(d.amount_minor, "EUR")}`], closing: c.sender }),
  },
})

describe("registered mail kinds", () => {
  it("renders a registered kind in the mail's language and the merchant's layout", () => {
    registry.registerMailKind(greeting)
    const de = renderMail("fixture_greeting", { name: "Anna", amount_minor: 1250 }, "de", DEFAULT_BRANDING)
    expect(de.subject).toBe("Hallo Anna")
    expect(de.text).toContain("12,50")
    const en = renderMail("fixture_greeting", { name: "Anna", amount_minor: 1250 }, "en", DEFAULT_BRANDING)
    expect(en.text).toContain("€12.50")
    expect(en.html).toContain(DEFAULT_BRANDING.sender_name)
  })

  it("refuses data that does not fit the registered schema, and unknown kinds", () => {
    registry.registerMailKind(greeting)
    expect(() => renderMail("fixture_greeting", { name: "" }, "de", DEFAULT_BRANDING)).toThrow()
    expect(schemas.mailKindSchema.safeParse("fixture_greeting").success).toBe(true)
    expect(schemas.mailKindSchema.safeParse("no_such_kind").success).toBe(false)
    expect(schemas.mailDataSchemaOf("fixture_greeting").safeParse({ name: "A", amount_minor: 1 }).success).toBe(true)
  })

  it("refuses a kind name another plugin owns, a malformed name and a sample that does not parse", () => {
    expect(() => registry.registerMailKind({ ...greeting, kind: "invoice" })).toThrow(/debtor/)
    expect(() => registry.registerMailKind({ ...greeting, plugin: "other" })).toThrow(/already registered by fixture/)
    expect(() => registry.registerMailKind({ ...greeting, kind: "Bad-Name" })).toThrow(/characters/)
    expect(() => registry.registerMailKind({ ...greeting, kind: "fixture_broken", sample: { name: "" } })).toThrow()
  })

  it("lists every kind by its plugin", () => {
    registry.registerMailKind(greeting)
    const { mail_kinds, document_kinds } = registry.listKinds()
    expect(mail_kinds).toContainEqual({ kind: "fixture_greeting", plugin: "fixture", registered: true })
    expect(mail_kinds).toContainEqual({ kind: "invoice", plugin: "debtor", registered: false })
    expect(document_kinds).toContainEqual({ kind: "voucher", plugin: "gift-card", registered: false })
  })
})

describe("registered document kinds", () => {
  it("renders a registered kind in this thread and in the worker threads, which load it by path", { timeout: 60_000 }, async () => {
    registry.registerDocumentKind(FIXTURE)
    const here = await pdfText(await renderDocument("fixture_ticket", { holder: "Bruno Muster", locale: "pt" }, DEFAULT_BRANDING))
    expect(here).toContain("Ticket for Bruno Muster (pt)")
    const pool = new RenderPool(1)
    try {
      expect(pool.threaded).toBe(true)
      const pdf = await pool.render("fixture_ticket", { holder: "Carla Exemplo" }, DEFAULT_BRANDING)
      expect((await pdfText(pdf)).replace(/\s+/g, " ")).toContain(`Ticket for Carla Exemplo (${DEFAULT_BRANDING.default_locale}) from ${DEFAULT_BRANDING.sender_name}`)
      await expect(pool.render("fixture_ticket", { holder: "" }, DEFAULT_BRANDING)).rejects.toThrow()
    } finally {
      await pool.close()
    }
  })

  it("refuses a module that exports no document kind", () => {
    expect(() => registry.registerDocumentKind(path.join(ROOT, "tests/fixtures/registered-document.js") + ".missing")).toThrow()
    expect(() => registry.registerDocumentKind(path.join(ROOT, "src/plugins/jobs/dist/registry.js"))).toThrow(/does not export a document kind/)
  })
})

describe("registered POS scopes", () => {
  it("accepts a registered scope and lists it with its labels; refuses one taken by another plugin", () => {
    expect(scopes.isPosScope("fixture_scope")).toBe(false)
    scopes.registerPosScope({ scope: "fixture_scope", plugin: "fixture", label: { de: "Test", en: "Test", pt: "Teste" } })
    expect(scopes.isPosScope("fixture_scope")).toBe(true)
    expect(scopes.listPosScopes()).toContainEqual({ scope: "fixture_scope", plugin: "fixture", label: { de: "Test", en: "Test", pt: "Teste" } })
    expect(scopes.listPosScopes().map((s: { scope: string }) => s.scope)).toEqual(expect.arrayContaining(["gift_card", "prepaid_topup", "feedback"]))
    expect(() => scopes.registerPosScope({ scope: "loyalty", plugin: "fixture", label: { de: "x", en: "x", pt: "x" } })).toThrow(/loyalty/)
  })
})

describe("Markdown", () => {
  it("keeps formatting and drops script, event handlers, raw HTML and javascript: links", () => {
    const html = markdownToHtml(
      [
        "# Title",
        "**bold** and [site](https://example.com) and [bad](javascript:alert(1)) and [data](data:text/html,hi)",
        "<script>alert(1)</script>",
        '<img src="x" onerror="alert(1)">',
        "![pic](https://example.com/a.png)",
      ].join("\n\n")
    )
    expect(html).toContain("<h2>Title</h2>")
    expect(html).toContain("<strong>bold</strong>")
    expect(html).toContain('<a href="https://example.com" rel="noopener nofollow ugc">site</a>')
    expect(html).toContain('<img src="https://example.com/a.png" alt="pic" />')
    // What is left of them is text: no element, attribute or link of theirs.
    expect(html).not.toMatch(/<script/i)
    expect(html).not.toMatch(/<[^>]*\son\w+=/i)
    expect(html).not.toMatch(/(href|src)="(javascript|data):/i)
    expect(html).toContain("&lt;script&gt;")
    expect(markdownToText("**Hello** _world_ & <b>you</b>")).toBe("Hello world & <b>you</b>")
  })
})

describe("action tokens and embed pages", () => {
  it("verifies a token only for its record and purpose", () => {
    const cancel = new ActionTokens("s".repeat(40), "reservation-cancel")
    const token = cancel.sign("res_1")
    expect(cancel.verify("res_1", token)).toBe(true)
    expect(cancel.verify("res_2", token)).toBe(false)
    expect(new ActionTokens("s".repeat(40), "event-cancel").verify("res_1", token)).toBe(false)
    expect(new ActionTokens("t".repeat(40), "reservation-cancel").verify("res_1", token)).toBe(false)
    expect(cancel.verify("res_1", token.slice(1))).toBe(false)
    expect(cancel.verify("res_1", undefined)).toBe(false)
  })

  it("builds a page with same-origin scripts only and escaped texts", () => {
    const html = embedPage({ title: "<Booking>", lang: "de", body: "<main></main>", scripts: ["/embed/booking.js", "https://evil.example/x.js", "//evil.example/y.js"] })
    expect(html).toContain('<html lang="de">')
    expect(html).toContain("<title>&lt;Booking&gt;</title>")
    expect(html).toContain('<script src="/embed/booking.js" defer></script>')
    expect(html).not.toContain("evil.example")
  })
})
