import type { ParsedDocumentData } from "../schemas"

export type InvoiceLineTotals = { net_minor: number; tax_minor: number; gross_minor: number; tax_rate: number; line_minor: number }
export type TaxGroup = { tax_rate: number; net_minor: number; tax_minor: number; gross_minor: number }
export type InvoiceTotals = {
  lines: InvoiceLineTotals[]
  /** One row per tax rate, as §14 UStG asks: net, tax and gross per rate. */
  tax_groups: TaxGroup[]
  net_minor: number
  tax_minor: number
  gross_minor: number
}

/** Half away from zero, so a credit note mirrors its invoice to the cent. */
const round = (x: number): number => Math.sign(x) * Math.round(Math.abs(x))

/**
 * Invoice arithmetic in integer minor units: line amounts rounded once, tax
 * computed per tax rate on the rate's sum (not per line), gross = net + tax.
 */
export function computeInvoiceTotals(data: Pick<ParsedDocumentData["invoice"], "lines" | "prices_include_tax">): InvoiceTotals {
  const groups = new Map<number, number>()
  const lines = data.lines.map((l) => {
    const amount = round(l.quantity * l.unit_price_minor)
    groups.set(l.tax_rate, (groups.get(l.tax_rate) ?? 0) + amount)
    return { line_minor: amount, tax_rate: l.tax_rate, ...splitTax(amount, l.tax_rate, data.prices_include_tax) }
  })
  const tax_groups = [...groups.entries()]
    .sort(([a], [b]) => b - a)
    .map(([tax_rate, amount]) => ({ tax_rate, ...splitTax(amount, tax_rate, data.prices_include_tax) }))
  const sum = (k: "net_minor" | "tax_minor" | "gross_minor") => tax_groups.reduce((s, g) => s + g[k], 0)
  return { lines, tax_groups, net_minor: sum("net_minor"), tax_minor: sum("tax_minor"), gross_minor: sum("gross_minor") }
}

function splitTax(amount: number, rate: number, inclusive: boolean): { net_minor: number; tax_minor: number; gross_minor: number } {
  const rate_bp = Math.round(rate * 100)
  if (inclusive) {
    const net = round((amount * 10_000) / (10_000 + rate_bp))
    return { net_minor: net, tax_minor: amount - net, gross_minor: amount }
  }
  const tax = round((amount * rate_bp) / 10_000)
  return { net_minor: amount, tax_minor: tax, gross_minor: amount + tax }
}
