import { describe, expect, it } from "vitest"

import { allocate, invoiceTotals } from "../../src/plugins/debtor/src/utils/totals"
import { computeInvoiceTotals } from "../../src/plugins/jobs/src/pdf/invoice-totals"

describe("invoice totals per tax rate (gross prices)", () => {
  it("splits net and tax per rate so that they add up to the gross exactly", () => {
    const totals = invoiceTotals([
      { title: "Kaffee", quantity: 3, unit_price: 250, tax_rate: 19 },
      { title: "Kuchen", quantity: 2, unit_price: 349, tax_rate: 7 },
      { title: "Wasser", quantity: 1, unit_price: 199, tax_rate: 19 },
    ])
    expect(totals.tax_groups).toEqual([
      { tax_rate: 19, gross: 949, net: 797, tax: 152 },
      { tax_rate: 7, gross: 698, net: 652, tax: 46 },
    ])
    expect(totals).toEqual(expect.objectContaining({ total: 1647, net_total: 1449, tax_total: 198 }))
  })

  it("rounds a fractional quantity once per line, half away from zero", () => {
    expect(invoiceTotals([{ title: "Käse", quantity: 0.125, unit_price: 1996, tax_rate: 7 }]).lines[0].total).toBe(250)
    expect(invoiceTotals([{ title: "Käse", quantity: 0.125, unit_price: 1980, tax_rate: 7 }]).lines[0].total).toBe(248)
  })

  it("agrees with the figures the invoice PDF prints, for many random invoices", () => {
    let seed = 42
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed % n
    }
    const rates = [0, 5.5, 7, 10, 16, 19, 20, 21]
    for (let k = 0; k < 2000; k++) {
      const lines = Array.from({ length: 1 + rnd(6) }, () => ({
        title: "x",
        quantity: (1 + rnd(5000)) / (rnd(2) ? 1000 : 1),
        unit_price: rnd(100_000),
        tax_rate: rates[rnd(rates.length)],
      }))
      const ours = invoiceTotals(lines)
      const pdf = computeInvoiceTotals({
        prices_include_tax: true,
        lines: lines.map((l) => ({ description: l.title, quantity: l.quantity, unit_price_minor: l.unit_price, tax_rate: l.tax_rate, unit: null })),
      })
      expect(ours.tax_groups.map((g) => [g.tax_rate, g.net, g.tax, g.gross])).toEqual(pdf.tax_groups.map((g) => [g.tax_rate, g.net_minor, g.tax_minor, g.gross_minor]))
      expect(ours.total).toBe(pdf.gross_minor)
    }
  })
})

describe("sharing a partial credit over the tax rates", () => {
  it("shares in proportion to the gross, exactly to the cent, remainders to the largest fractions", () => {
    // 949 at 19 %, 698 at 7 %: 1000 of 1647 → 576.2… and 423.8…
    expect(allocate(1000, [949, 698])).toEqual([576, 424])
    expect(allocate(1, [1, 1])).toEqual([1, 0])
    expect(allocate(0, [5, 7])).toEqual([0, 0])
    expect(allocate(10, [0, 3])).toEqual([0, 10])
  })

  it("always adds up to the amount and never gives a rate more than its share rounded up (2000 random cases)", () => {
    let seed = 7
    const next = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n)
    for (let i = 0; i < 2000; i++) {
      const weights = Array.from({ length: 1 + next(4) }, () => 1 + next(100_000))
      const total = weights.reduce((s, w) => s + w, 0)
      const amount = next(total + 1)
      const shares = allocate(amount, weights)
      expect(shares.reduce((s, x) => s + x, 0)).toBe(amount)
      shares.forEach((x, k) => {
        expect(x).toBeGreaterThanOrEqual(Math.floor((amount * weights[k]) / total))
        expect(x).toBeLessThanOrEqual(Math.floor((amount * weights[k]) / total) + 1)
      })
    }
  })
})
