/**
 * Tax arithmetic of invoices and credit notes, exact in integer minor units
 * (BigInt inside), the one rule every plugin and every PDF applies:
 * - quantity is held in thousandths, tax rates in basis points (19 % = 1900);
 * - a line's amount = quantity × unit price, rounded once, half away from zero;
 * - tax is computed per tax rate on the rate's sum, not per line:
 *   gross prices: net = round(sum × 10000 / (10000 + rate_bp)), tax = sum − net;
 *   net prices: tax = round(sum × rate_bp / 10000), gross = sum + tax;
 * - the totals are the sums over the rates (highest rate first).
 */
export type TaxLineInput = { quantity: number; unit_price_minor: number; tax_rate: number }
export type TaxSplit = { net_minor: number; tax_minor: number; gross_minor: number }
export type TaxLineTotals = TaxSplit & { tax_rate: number; line_minor: number }
export type TaxGroupTotals = TaxSplit & { tax_rate: number }
export type TaxTotals = TaxSplit & { lines: TaxLineTotals[]; tax_groups: TaxGroupTotals[] }

/** a / b rounded half away from zero. */
export function roundDiv(a: bigint, b: bigint): bigint {
  const negative = a < 0n !== b < 0n
  const abs = (x: bigint) => (x < 0n ? -x : x)
  const q = abs(a) / abs(b)
  const r = abs(a) % abs(b)
  const rounded = 2n * r >= abs(b) ? q + 1n : q
  return negative ? -rounded : rounded
}

/** A BigInt back to a number; a RangeError beyond the safe integers. */
export function toSafeInteger(x: bigint): number {
  const n = Number(x)
  if (!Number.isSafeInteger(n)) {
    throw new RangeError("amount out of range")
  }
  return n
}

export const milli = (quantity: number): bigint => BigInt(Math.round(quantity * 1000))
export const basisPoints = (rate: number): bigint => BigInt(Math.round(rate * 100))

function split(amount: bigint, bp: bigint, pricesIncludeTax: boolean): TaxSplit {
  if (pricesIncludeTax) {
    const net = roundDiv(amount * 10_000n, 10_000n + bp)
    return { net_minor: toSafeInteger(net), tax_minor: toSafeInteger(amount - net), gross_minor: toSafeInteger(amount) }
  }
  const tax = roundDiv(amount * bp, 10_000n)
  return { net_minor: toSafeInteger(amount), tax_minor: toSafeInteger(tax), gross_minor: toSafeInteger(amount + tax) }
}

/** Lines, one group per tax rate and the totals of an invoice (see the rule above). */
export function taxTotals(input: TaxLineInput[], pricesIncludeTax: boolean): TaxTotals {
  const groups = new Map<bigint, bigint>()
  const lines = input.map((l) => {
    const amount = roundDiv(milli(l.quantity) * BigInt(l.unit_price_minor), 1000n)
    const bp = basisPoints(l.tax_rate)
    groups.set(bp, (groups.get(bp) ?? 0n) + amount)
    return { tax_rate: l.tax_rate, line_minor: toSafeInteger(amount), ...split(amount, bp, pricesIncludeTax) }
  })
  const tax_groups = [...groups.entries()]
    .sort(([a], [b]) => (a > b ? -1 : a < b ? 1 : 0))
    .map(([bp, amount]) => ({ tax_rate: Number(bp) / 100, ...split(amount, bp, pricesIncludeTax) }))
  const sum = (k: keyof TaxSplit) => tax_groups.reduce((s, g) => s + g[k], 0)
  return { lines, tax_groups, net_minor: sum("net_minor"), tax_minor: sum("tax_minor"), gross_minor: sum("gross_minor") }
}
