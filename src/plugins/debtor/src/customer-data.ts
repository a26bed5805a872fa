import type { CustomerDataDefinition } from "@customer-modules/core"
import { affectedRows, everyPage } from "@customer-modules/core"
import type { ValueAccountService } from "@customer-modules/ledger"

const MAX_INVOICES = 10_000

/**
 * The debtor plugin's part of a customer's data rights: invoices (with
 * payments and credit notes), the customer's invoice settings and customer
 * accounts with their movements. Erasure clears the invoice address kept for
 * future invoices; issued invoices keep the buyer's name, address and e-mail
 * (a tax document must stay as issued: § 14 UStG, § 147 AO, 10 years), and
 * customer accounts and their movements stay (ledger, money owed either way).
 * After the erasure the export lists the invoices without the buyer's data.
 */
export const debtorCustomerData: CustomerDataDefinition = {
  plugin: "debtor",
  label: { de: "Rechnungen und Kundenkonto", en: "Invoices and customer account", pt: "Faturas e conta de cliente" },

  async export(customerId, manager, { container, erased }) {
    const invoices = await manager.query(
      `SELECT id, number, status, buyer_name, buyer_address, email, currency_code, net_total, tax_total, total, paid_total, credited_total,
              issue_date::text AS issue_date, due_date::text AS due_date, order_id, paid_at, cancelled_at, created_at
         FROM debtor_invoice WHERE customer_id = $1 ORDER BY created_at DESC LIMIT ${MAX_INVOICES}`,
      [customerId]
    )
    const ids = invoices.map((i: { id: string }) => i.id)
    const payments = ids.length
      ? await manager.query(`SELECT invoice_id, amount, method, paid_on::text AS paid_on, created_at FROM debtor_payment WHERE invoice_id = ANY($1) ORDER BY created_at`, [ids])
      : []
    const credits = ids.length
      ? await manager.query(`SELECT invoice_id, number, kind, total, reason, issue_date::text AS issue_date FROM debtor_credit_note WHERE invoice_id = ANY($1) ORDER BY created_at`, [ids])
      : []
    const [settings] = await manager.query(
      `SELECT payment_terms_days, monthly_statement, address_lines, invoice_approved, invoice_limit FROM debtor_customer_setting WHERE customer_id = $1`,
      [customerId]
    )
    const ledger = container.resolve<ValueAccountService>("valueAccountService").withTransaction(manager)
    const accounts = []
    for (const account of await everyPage((page) => ledger.listAndCount({ kind: "customer_account", customer_id: customerId }, page))) {
      const history = await everyPage((page) => ledger.history(account.id, page))
      accounts.push({
        id: account.id,
        currency_code: account.currency_code,
        balance: account.balance,
        credit_limit: -account.lower_bound,
        status: account.status,
        movements: history.map((t) => ({ id: t.id, type: t.type, amount: t.amount, balance_after: t.balance_after, reference: t.reference, created_at: t.created_at })),
      })
    }
    const num = (v: unknown) => Number(v)
    return {
      invoices: invoices.map((i: Record<string, unknown>) => {
        const { buyer_name, buyer_address, email, ...rest } = i
        return {
          ...rest,
          ...(erased ? { buyer: "retained_on_issued_invoice" } : { buyer_name, buyer_address, email }),
          net_total: num(i.net_total),
          tax_total: num(i.tax_total),
          total: num(i.total),
          paid_total: num(i.paid_total),
          credited_total: num(i.credited_total),
          payments: payments.filter((p: { invoice_id: string }) => p.invoice_id === i.id).map((p: Record<string, unknown>) => ({ ...p, amount: num(p.amount) })),
          credit_notes: credits.filter((c: { invoice_id: string }) => c.invoice_id === i.id).map((c: Record<string, unknown>) => ({ ...c, total: num(c.total) })),
        }
      }),
      settings: settings ? { ...settings, invoice_limit: num(settings.invoice_limit) } : null,
      customer_accounts: accounts,
    }
  },

  async erase(customerId, manager, { container }) {
    const settings = await manager.query(
      `UPDATE debtor_customer_setting SET address_lines = '[]'::jsonb, updated_at = now() WHERE customer_id = $1 RETURNING customer_id`,
      [customerId]
    )
    const [{ invoices }] = await manager.query(`SELECT count(*)::int AS invoices FROM debtor_invoice WHERE customer_id = $1`, [customerId])
    const [, accounts] = await container
      .resolve<ValueAccountService>("valueAccountService")
      .withTransaction(manager)
      .listAndCount({ kind: "customer_account", customer_id: customerId }, { limit: 1 })
    return {
      anonymised: { invoice_address: affectedRows(settings) },
      retained: [
        {
          what: "invoices",
          count: invoices,
          reason: {
            de: "Ausgestellte Rechnungen und Gutschriften bleiben unverändert mit Name, Anschrift und E-Mail des Käufers (§ 14 UStG, § 147 AO: 10 Jahre)",
            en: "Issued invoices and credit notes stay as issued, with the buyer's name, address and e-mail (German UStG § 14, AO § 147: 10 years)",
            pt: "Faturas e notas de crédito emitidas ficam como foram emitidas, com nome, morada e e-mail do comprador (conservação fiscal: 10 anos)",
          },
        },
        {
          what: "customer_accounts",
          count: accounts,
          reason: {
            de: "Kundenkonten und ihre Buchungen bleiben: offene Forderung oder Guthaben und Buchungsbeleg",
            en: "Customer accounts and their movements stay: money owed either way, and accounting records",
            pt: "As contas de cliente e os seus movimentos ficam: dinheiro em dívida e registos contabilísticos",
          },
        },
      ],
    }
  },
}
