/**
 * The PDF render pool (compiled plugin, as the server runs it): documents come
 * back whole from the worker threads, and the calling thread's event loop keeps
 * turning while they render, which it cannot while rendering itself.
 */
import path from "path"

import { describe, expect, it } from "vitest"

import { pdfText } from "../support/pdf"
import { ROOT } from "../support/server"

type Pool = { size: number; threaded: boolean; render(kind: string, data: unknown, branding: unknown): Promise<Buffer>; close(): Promise<void> }
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dist = (file: string) => require(path.join(ROOT, "src/plugins/jobs/dist", file))
const { RenderPool } = dist("pdf/pool") as { RenderPool: new (size: number) => Pool }
const { renderDocument } = dist("pdf/render") as { renderDocument(kind: string, data: unknown, branding: unknown): Promise<Buffer> }
const { DEFAULT_BRANDING } = dist("services/branding")
// The invoice is the debtor's document kind, registered by its loader as the server does (decision 74).
// eslint-disable-next-line @typescript-eslint/no-require-imports
require(path.join(ROOT, "src/plugins/debtor/dist/loaders/registrations")).default()

const invoice = (n: number) => ({
  number: `RE-2026-${String(n).padStart(5, "0")}`,
  issue_date: "2026-01-31",
  delivery_date: "2026-01-31",
  currency_code: "EUR",
  buyer: { name: "Anna Beispiel", address_lines: ["Musterstraße 1", "10115 Berlin"] },
  lines: Array.from({ length: 20 }, (_, i) => ({ description: `Position ${i + 1}`, quantity: 1, unit_price_minor: 990 + i, tax_rate: 19 })),
})

/** The longest gap between 5 ms timer ticks while `work` runs. */
async function maxLag(work: () => Promise<unknown>): Promise<number> {
  let max = 0
  let last = performance.now()
  const timer = setInterval(() => {
    const now = performance.now()
    max = Math.max(max, now - last)
    last = now
  }, 5)
  try {
    await work()
  } finally {
    clearInterval(timer)
  }
  return Math.max(max, performance.now() - last)
}

describe("PDF render pool", () => {
  it("renders invoices in worker threads without holding the caller's event loop", { timeout: 120_000 }, async () => {
    const pool = new RenderPool(2)
    try {
      expect(pool.threaded).toBe(true)
      await Promise.all([0, 1].map((i) => pool.render("invoice", invoice(i), DEFAULT_BRANDING))) // threads warm
      await renderDocument("invoice", invoice(0), DEFAULT_BRANDING) // this thread warm

      const inThread = await maxLag(async () => {
        for (let i = 0; i < 3; i++) await renderDocument("invoice", invoice(i), DEFAULT_BRANDING)
      })
      const pdfs: Buffer[] = []
      const pooled = await maxLag(async () => {
        pdfs.push(...(await Promise.all([10, 11, 12, 13, 14, 15].map((i) => pool.render("invoice", invoice(i), DEFAULT_BRANDING)))))
      })

      expect(pdfs).toHaveLength(6)
      const text = await pdfText(pdfs[5])
      expect(text).toContain("RE-2026-00015")
      expect(pooled).toBeLessThan(inThread / 2)
    } finally {
      await pool.close()
    }
  })

  it("reports a render that fails as an error, and goes on rendering", { timeout: 60_000 }, async () => {
    const pool = new RenderPool(1)
    try {
      await expect(pool.render("invoice", { number: "" }, DEFAULT_BRANDING)).rejects.toThrow()
      const pdf = await pool.render("invoice", invoice(7), DEFAULT_BRANDING)
      expect(await pdfText(pdf)).toContain("RE-2026-00007")
    } finally {
      await pool.close()
    }
  })
})
