/**
 * Invoice arithmetic, exact in integer minor units (BigInt inside):
 * - quantity is held in thousandths, tax rates in basis points (19 % = 1900);
 * - a line's gross amount = quantity × gross unit price, rounded once, half away from zero;
 * - per tax rate, net = round(gross sum × 10000 / (10000 + rate_bp)), half away
 *   from zero, and tax = gross − net (so net + tax = gross exactly, per rate);
 * - the invoice total is the sum of the lines' gross amounts.
 * This is the rule the jobs plugin's `computeInvoiceTotals` applies to gross
 * prices, so the PDF prints the same figures.
 */
export type InvoiceLineInput = { title: string; quantity: number; unit_price: number; tax_rate: number }
export type InvoiceLine = InvoiceLineInput & { total: number }
export type TaxGroup = { tax_rate: number; net: number; tax: number; gross: number }
export type Totals = { lines: InvoiceLine[]; tax_groups: TaxGroup[]; net_total: number; tax_total: number; total: number }

function roundDiv(a: bigint, b: bigint): bigint {
  const negative = a < 0n !== b < 0n
  const abs = (x: bigint) => (x < 0n ? -x : x)
  const q = abs(a) / abs(b)
  const r = abs(a) % abs(b)
  const rounded = 2n * r >= abs(b) ? q + 1n : q
  return negative ? -rounded : rounded
}

const toSafe = (x: bigint): number => {
  const n = Number(x)
  if (!Number.isSafeInteger(n)) {
    throw new RangeError("amount out of range")
  }
  return n
}

export const milli = (quantity: number): bigint => BigInt(Math.round(quantity * 1000))
export const basisPoints = (rate: number): bigint => BigInt(Math.round(rate * 100))

export function invoiceTotals(input: InvoiceLineInput[]): Totals {
  const groups = new Map<bigint, bigint>()
  const lines = input.map((l) => {
    const gross = roundDiv(milli(l.quantity) * BigInt(l.unit_price), 1000n)
    const bp = basisPoints(l.tax_rate)
    groups.set(bp, (groups.get(bp) ?? 0n) + gross)
    return { ...l, total: toSafe(gross) }
  })
  const tax_groups = [...groups.entries()]
    .sort(([a], [b]) => (a > b ? -1 : a < b ? 1 : 0))
    .map(([bp, gross]) => {
      const net = roundDiv(gross * 10_000n, 10_000n + bp)
      return { tax_rate: Number(bp) / 100, net: toSafe(net), tax: toSafe(gross - net), gross: toSafe(gross) }
    })
  const sum = (k: "net" | "tax" | "gross") => tax_groups.reduce((s, g) => s + g[k], 0)
  return { lines, tax_groups, net_total: sum("net"), tax_total: sum("tax"), total: sum("gross") }
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
  return shares.map(toSafe)
}
