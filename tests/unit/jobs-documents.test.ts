/**
 * Documents rendered to real PDFs and read back: document numbers stay whole
 * on one line (a number split by hyphenation cannot be searched for), and a
 * PDF of several birthday letters has one letter per page, and every page
 * of a longer document carries its "page / pages" (filled in after pagination).
 */
import path from "path"

import { describe, expect, it } from "vitest"

import { pdfText } from "../support/pdf"
import { ROOT } from "../support/server"

// The compiled plugins, as the server runs them: the statement and the letters are registered by their owners (decision 74).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dist = (plugin: string, file: string) => require(path.join(ROOT, "src/plugins", plugin, "dist", file))
const { renderDocument } = dist("jobs", "pdf/render") as { renderDocument(kind: string, data: unknown, branding: unknown): Promise<Buffer> }
const { DEFAULT_BRANDING } = dist("jobs", "services/branding")
dist("debtor", "loaders/registrations").default()
dist("loyalty", "loaders/registrations").default()

describe("documents", () => {
  it("keeps the longest document numbers whole in a statement's reference column", async () => {
    // Invoice numbers: RE-<prefix of up to 8 letters or digits>-<year>-<5 digits>; W and M are Helvetica's widest.
    const references = ["RE-WWWWWWWW-2026-00039", "RE-MMMMMMMM-2026-00040", "RE-T8CABBA0-2026-00041", "RE-2026-00042"]
    const pdf = await renderDocument(
      "statement",
      {
        as_of: "2026-11-24",
        currency_code: "EUR",
        customer: { name: "Erika Muster", address_lines: [] },
        items: references.map((reference) => ({ date: "2026-11-24", reference, description: "Rechnung über Catering und Getränke", due_date: "2026-12-08", amount_minor: 1647 })),
      },
      DEFAULT_BRANDING
    )
    const text = await pdfText(pdf)
    for (const reference of references) {
      expect(text).toContain(reference)
    }
  })

  it("numbers every page of a long invoice \"n / pages\", however many lines it has", async () => {
    for (const [count, atLeast] of [[3, 1], [40, 2], [130, 4]]) {
      const lines = Array.from({ length: count }, (_, i) => ({ description: `Position ${i + 1}: Mittagsmenü mit Getränk`, quantity: 1, unit_price_minor: 990, tax_rate: 7 }))
      const data = { number: "RE-2026-00042", issue_date: "2026-11-24", delivery_date: "2026-11-24", currency_code: "EUR", buyer: { name: "Erika Muster", address_lines: [] }, lines }
      const pages = (await pdfText(await renderDocument("invoice", data, DEFAULT_BRANDING))).split(/-- \d+ of \d+ --/).filter((p) => p.trim())
      expect(pages.length).toBeGreaterThanOrEqual(atLeast)
      pages.forEach((page, i) => expect(page).toMatch(new RegExp(`(^|\\s)${i + 1} / ${pages.length}(\\s|$)`)))
      expect(pages.at(-1)).toContain(`Position ${count}:`)
    }
  })

  it("prints several birthday letters one per page, each addressed and dated", async () => {
    const letters = ["Anna Beispiel", "Bruno Muster", "Carla Exemplo"].map((name, i) => ({
      date: `2026-10-0${i + 4}`,
      customer: { name, address_lines: i === 0 ? ["Musterstraße 1", "10115 Berlin"] : [] },
      reward: "25 Bonuspunkte",
    }))
    const text = await pdfText(await renderDocument("birthday_letters", { letters }, DEFAULT_BRANDING))
    const pages = text.split(/-- \d+ of \d+ --/).filter((p) => p.trim())
    expect(pages).toHaveLength(3)
    letters.forEach((letter, i) => {
      expect(pages[i]).toContain(letter.customer.name)
      expect(pages[i]).toContain(`0${i + 4}.10.2026`)
      expect(pages[i]).toContain("25 Bonuspunkte")
    })
    expect(pages[0]).toContain("10115 Berlin")
    // One PDF of letters carries no "page / pages" numbering across letters.
    expect(text).not.toMatch(/\b1 \/ 3\b/)
  })
})
