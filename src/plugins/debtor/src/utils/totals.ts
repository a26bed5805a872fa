/**
 * Invoice arithmetic, exact in integer minor units (BigInt inside):
 * - quantity is held in thousandths, tax rates in basis points (19 % = 1900);
 * - a line's gross amount = quantity × gross unit price, rounded once, half away from zero;
 * - per tax rate, net = round(gross sum × 10000 / (10000 + rate_bp)), half away
 *   from zero, and tax = gross − net (so net + tax = gross exactly, per rate);
 * - the invoice total is the sum of the lines' gross amounts.
 * The arithmetic is core's `taxTotals`; the invoice PDF (debtor's document kind)
 * prints `documentTotals`, the same figures.
 */
import { taxTotals, toSafeInteger } from "@customer-modules/core"
import type { TaxLineInput, TaxTotals } from "@customer-modules/core"

export type InvoiceLineInput = { title: string; quantity: number; unit_price: number; tax_rate: number }
export type InvoiceLine = InvoiceLineInput & { total: number }
export type TaxGroup = { tax_rate: number; net: number; tax: number; gross: number }
export type Totals = { lines: InvoiceLine[]; tax_groups: TaxGroup[]; net_total: number; tax_total: number; total: number }

export { basisPoints, milli } from "@customer-modules/core"

/** The debtor's lines through the one tax rule (core's `taxTotals`, gross prices). */
export function invoiceTotals(input: InvoiceLineInput[]): Totals {
  const t = taxTotals(
    input.map((l) => ({ quantity: l.quantity, unit_price_minor: l.unit_price, tax_rate: l.tax_rate })),
    true
  )
  return {
    lines: input.map((l, i) => ({ ...l, total: t.lines[i].line_minor })),
    tax_groups: t.tax_groups.map((g) => ({ tax_rate: g.tax_rate, net: g.net_minor, tax: g.tax_minor, gross: g.gross_minor })),
    net_total: t.net_minor,
    tax_total: t.tax_minor,
    total: t.gross_minor,
  }
}

/**
 * The figures an invoice or credit note PDF prints, from the same rule: what
 * the debtor's document kind prints (gross or net prices).
 */
export function documentTotals(data: { lines: TaxLineInput[]; prices_include_tax: boolean }): TaxTotals {
  return taxTotals(data.lines, data.prices_include_tax)
}

/**
 * Shares `amount` over `weights` in proportion, exactly: each share is the
 * floor of its exact part, the cents left over go to the largest remainders
 * (earlier weights first on a tie), so the shares add up to `amount`.
 */
export function allocate(amount: number, weights: number[]): number[] {
  const total = weights.reduce((s, w) => s + BigInt(w), 0n)
  if (total <= 0n) {
    return weights.map((_, i) => (i === 0 ? amount : 0))
  }
  const a = BigInt(amount)
  const exact = weights.map((w) => a * BigInt(w))
  const shares = exact.map((x) => x / total)
  let left = a - shares.reduce((s, x) => s + x, 0n)
  const order = exact.map((x, i) => ({ i, r: x % total })).sort((p, q) => (q.r > p.r ? 1 : q.r < p.r ? -1 : p.i - q.i))
  for (const { i } of order) {
    if (left <= 0n) break
    shares[i] += 1n
    left -= 1n
  }
  return shares.map(toSafeInteger)
}
