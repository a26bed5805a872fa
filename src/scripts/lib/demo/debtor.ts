/**
 * Module demo, invoices and customer accounts: invoices written at the tills
 * over the last weeks, two open, two paid, one overdue with its first
 * reminder, one cancelled by a credit note; two customer accounts, one in
 * debit (sales charged, partly settled) and one in credit (paid in advance).
 *
 * The invoice service dates an invoice by the database's today: the demo moves
 * the issue and due dates (and created_at) of its own invoices back right after
 * writing them (decision 146), before the payments and the reminder run.
 */
import type { DebtorAccountService, DebtorInvoiceService, DebtorReminderService } from "@customer-modules/debtor"

import type { DemoContext } from "./context"

type Invoice = {
  customer: number
  day: number
  lines: { title: string; quantity: number; unit_price: number; tax_rate: number }[]
  then?: "paid" | "cancelled"
  paidDay?: number
}

const CATERING = { title: "Catering Frühstücksbuffet (pro Person)", quantity: 12, unit_price: 1450, tax_rate: 7 }
const DRINKS = { title: "Getränkepauschale", quantity: 12, unit_price: 390, tax_rate: 19 }

const INVOICES: Invoice[] = [
  { customer: 0, day: -3, lines: [CATERING, DRINKS] },
  { customer: 3, day: -8, lines: [{ title: "Kuchen zum Mitnehmen", quantity: 2, unit_price: 2890, tax_rate: 7 }] },
  { customer: 1, day: -26, lines: [{ title: "Firmenfeier, Tagesmenü", quantity: 20, unit_price: 1290, tax_rate: 19 }], then: "paid", paidDay: -15 },
  { customer: 4, day: -19, lines: [CATERING], then: "paid", paidDay: -4 },
  // Overdue: due three weeks ago, the first reminder goes out now.
  { customer: 2, day: -35, lines: [{ title: "Kaffeebohnen 1 kg, Hausröstung", quantity: 4, unit_price: 2490, tax_rate: 7 }, DRINKS] },
  { customer: 0, day: -12, lines: [{ title: "Tagesmenü (Fehlbuchung)", quantity: 3, unit_price: 1290, tax_rate: 19 }], then: "cancelled" },
]

export async function seedDebtorDemo(ctx: DemoContext): Promise<string[]> {
  if (!ctx.has("debtorInvoiceService") || !ctx.locations.length) {
    return []
  }
  const invoices = ctx.resolve<DebtorInvoiceService>("debtorInvoiceService")
  const accounts = ctx.resolve<DebtorAccountService>("debtorAccountService")
  const { clock, backdate, locations, customers } = ctx

  for (const [i, spec] of INVOICES.entries()) {
    const location = locations[i % locations.length]
    const customer = customers[spec.customer]
    const invoice = await invoices.create(
      { customer_id: customer.id, currency_code: "eur", lines: spec.lines },
      { location_id: location.id, terminal_id: location.till_id, staff_id: location.staff[0].id }
    )
    // The service's own dates, moved by the demo's offset: issue date, due date (same terms) and created_at.
    await ctx.manager.query(
      `UPDATE debtor_invoice SET issue_date = issue_date + $2::integer, due_date = due_date + $2::integer, created_at = $3 WHERE id = $1`,
      [invoice.id, spec.day, clock.at(spec.day, "11:00").toISOString()]
    )
    if (spec.then === "paid") {
      await invoices.recordPayment(invoice.id, { amount: invoice.total, method: "transfer", paid_on: clock.day(spec.paidDay ?? 0), reference: `Überweisung ${invoice.number}` })
    } else if (spec.then === "cancelled") {
      await invoices.cancel(invoice.id, { reason: "Falsch gebucht, der Gast hat bar bezahlt" })
    }
  }
  const reminders = await ctx.resolve<DebtorReminderService>("debtorReminderService").sendRemindersDue(ctx.now)

  // In debit: a regular who runs a tab, settled in part.
  const tab = await accounts.open({ customer_id: customers[1].id, currency_code: "eur", credit_limit: 20000 })
  const till = locations[0]
  const c = { location_id: till.id, terminal_id: till.till_id, staff_id: till.staff[1].id }
  for (const [day, amount] of [[-20, 1870], [-13, 2340], [-9, -3000], [-6, 960], [-1, 1480]] as const) {
    const moved =
      amount > 0
        ? await accounts.charge(tab.card_code!, amount, { ...c, reference: `Bon ${clock.day(day).replace(/-/g, "")}` })
        : await accounts.settle(tab.card_code!, -amount, "cash", c)
    backdate.set("ledger_transaction", moved.transaction.id, clock.at(day, amount > 0 ? "13:15" : "17:40"))
  }
  backdate.set("value_account", tab.id, clock.at(-21, "10:00"))

  // In credit: paid in advance by transfer, one lunch charged since.
  const advance = await accounts.open({ customer_id: customers[4].id, currency_code: "eur", credit_limit: 0 })
  const paid = await accounts.settle(advance.card_code!, 10000, "transfer", { ...c, reference: "Vorauszahlung" })
  backdate.set("ledger_transaction", paid.transaction.id, clock.at(-10, "09:00"))
  const lunch = await accounts.charge(advance.card_code!, 1290, { ...c, reference: "Tagesmenü" })
  backdate.set("ledger_transaction", lunch.transaction.id, clock.at(-2, "12:30"))
  backdate.set("value_account", advance.id, clock.at(-10, "08:55"))

  return [`invoices: ${INVOICES.length} (open, paid, overdue with ${reminders.sent.length} reminder, one credited); 2 customer accounts (in debit, in credit)`]
}
