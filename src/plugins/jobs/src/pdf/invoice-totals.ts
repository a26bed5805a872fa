import { taxTotals } from "@customer-modules/core"
import type { TaxGroupTotals, TaxLineInput, TaxLineTotals, TaxTotals } from "@customer-modules/core"

export type InvoiceLineTotals = TaxLineTotals
export type TaxGroup = TaxGroupTotals
export type InvoiceTotals = TaxTotals

/**
 * Kept for callers of jobs' public API: the invoice arithmetic is core's
 * `taxTotals` (integer minor units, tax per rate on the rate's sum), which the
 * debtor's invoice document prints. jobs computes no totals of its own.
 */
export function computeInvoiceTotals(data: { lines: TaxLineInput[]; prices_include_tax: boolean }): InvoiceTotals {
  return taxTotals(data.lines, data.prices_include_tax)
}
