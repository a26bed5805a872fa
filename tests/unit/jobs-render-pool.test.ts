/**
 * The PDF render pool (compiled plugin, as the server runs it): documents come
 * back whole from the worker threads, and the calling thread's event loop keeps
 * turning while they render, which it cannot while rendering itself.
 */
import path from "path"

import { describe, expect, it } from "vitest"

import { pdfText } from "../support/pdf"
import { ROOT } from "../support/server"

type Pool = {
  size: number
  threaded: boolean
  render(kind: string, data: unknown, branding: unknown): Promise<Buffer>
  close(): Promise<void>
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dist = (file: string) => require(path.join(ROOT, "src/plugins/jobs/dist", file))
const { RenderPool } = dist("pdf/pool") as { RenderPool: new (size: number, nice?: number, idle_ms?: number) => Pool }
/** The threads a pool holds now (its own field, read for the test). */
const threadsOf = (pool: Pool) => (pool as unknown as { slots_: { worker: { threadId: number } }[] }).slots_.map((s) => s.worker.threadId)
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

  it("ends a thread that has been idle and renders the next document in a new one", { timeout: 60_000 }, async () => {
    const pool = new RenderPool(1, 10, 300)
    try {
      expect(await pdfText(await pool.render("invoice", invoice(1), DEFAULT_BRANDING))).toContain("RE-2026-00001")
      const [first] = threadsOf(pool)
      expect(first).toBeGreaterThan(0)

      await new Promise((r) => setTimeout(r, 1_000))
      expect(threadsOf(pool)).toEqual([])

      expect(await pdfText(await pool.render("invoice", invoice(2), DEFAULT_BRANDING))).toContain("RE-2026-00002")
      expect(threadsOf(pool)).toHaveLength(1)
      expect(threadsOf(pool)[0]).not.toBe(first)
    } finally {
      await pool.close()
    }
  })

  it("keeps a thread that gets work before its idle time is up", { timeout: 60_000 }, async () => {
    const pool = new RenderPool(1, 10, 2_000)
    try {
      await pool.render("invoice", invoice(3), DEFAULT_BRANDING)
      const [first] = threadsOf(pool)
      for (let i = 4; i < 7; i++) {
        await new Promise((r) => setTimeout(r, 800))
        await pool.render("invoice", invoice(i), DEFAULT_BRANDING)
      }
      expect(threadsOf(pool)).toEqual([first])
    } finally {
      await pool.close()
    }
  })
})
