import { generateEntityId, TransactionBaseService } from "@medusajs/medusa"
import type { CustomerService, EventBusService, Logger, OrderService } from "@medusajs/medusa"
import type { EntityManager } from "typeorm"

import { assertCurrency, DomainError } from "@customer-modules/core"
import type { HealthReporter, ModuleHealth } from "@customer-modules/core"
import { addressLines } from "@customer-modules/jobs"
import type { Page } from "@customer-modules/ledger"
import type { PosLocationService } from "@customer-modules/pos"

import type {
  DebtorContext,
  DebtorPluginOptions,
  InvoiceDetail,
  InvoiceDTO,
  InvoiceTotalsByCurrency,
  PaymentDTO,
  CreditNoteDTO,
} from "../types"
import { debtorCustomer } from "../utils/customers"
import { addDays, localDate } from "../utils/dates"
import { nextNumber } from "../utils/numbers"
import { debtorOptions } from "../utils/options"
import { day, INVOICE_COLUMNS, Row, toCorrectionDTO, toCreditNoteDTO, toInvoiceDTO, toPaymentDTO } from "../utils/rows"
import { allocate, invoiceTotals } from "../utils/totals"
import type { CreateInvoiceInput, InvoiceFilter } from "../validators"
import type DebtorSettingsService from "./debtor-settings"

type InjectedDependencies = {
  manager: EntityManager
  logger: Logger
  customerService: CustomerService
  eventBusService: EventBusService
  posLocationService: PosLocationService
  orderService: OrderService
  debtorSettingsService: DebtorSettingsService
}

/** The payment provider id of "on invoice" in the web checkout (services/invoice-payment.ts). */
export const INVOICE_PROVIDER = "invoice"
/** How long an authorized on-invoice cart holds its amount against the limit without becoming an order. */
const HOLD_MINUTES = 30

/**
 * Invoices written at the till ("buy on invoice") or for web orders paid on
 * invoice, the debtor list and what follows: payments, corrections of the
 * buyer, cancellation and partial credit by credit note, and who may buy on
 * invoice. The PDFs and mails are `debtorDocumentService`'s, reminders
 * `debtorReminderService`'s, open-items statements `debtorStatementService`'s,
 * customer and location settings `debtorSettingsService`'s.
 *
 * Guarantees, whatever the concurrency:
 * - numbers (`RE-2026-00001`, credit notes `GS-2026-00001`) come from a
 *   counter row per series and year, incremented in the caller's transaction
 *   by the same statement that reads it: a concurrent invoice waits on the
 *   row lock, and a rolled-back invoice gives its number back, so the series
 *   has no gaps; the year is the one of the merchant's (location's) time zone;
 * - an invoice changes under its row lock: payments never exceed the open
 *   amount, an invoice is cancelled once, and credit notes never credit more
 *   than was invoiced;
 * - totals are integer minor units per tax rate (`invoiceTotals`);
 * - a change of the buyer makes a new version, so its documents are new.
 */
export default class DebtorInvoiceService extends TransactionBaseService implements HealthReporter {
  static readonly Events = {
    CREATED: "debtor_invoice.created",
    CORRECTED: "debtor_invoice.corrected",
    PAYMENT_RECORDED: "debtor_invoice.payment_recorded",
    /** `{ id, order_id }`: paid in full (order_id null for invoices from the till); loyalty earns on it for web orders. */
    PAID: "debtor_invoice.paid",
    CANCELLED: "debtor_invoice.cancelled",
    /** `{ id, credit_note_id }`: a partial credit note (a return, claim, swap or refund of the order). */
    CREDITED: "debtor_invoice.credited",
  }

  protected readonly logger_: Logger
  protected readonly customerService_: CustomerService
  protected readonly eventBusService_: EventBusService
  protected readonly posLocationService_: PosLocationService
  protected readonly orderService_: OrderService
  protected readonly debtorSettingsService_: DebtorSettingsService
  protected readonly options_: Required<DebtorPluginOptions>

  constructor(container: InjectedDependencies, options: DebtorPluginOptions = {}) {
    super(container)
    this.logger_ = container.logger
    this.customerService_ = container.customerService
    this.eventBusService_ = container.eventBusService
    this.posLocationService_ = container.posLocationService
    this.orderService_ = container.orderService
    this.debtorSettingsService_ = container.debtorSettingsService
    this.options_ = debtorOptions(options)
  }

  // ── Writing invoices ──────────────────────────────────────────────────

  /**
   * Writes an invoice: validates currency and customer, computes the totals
   * per tax rate (gross unit prices), takes the next number of the year and
   * inserts the invoice, all in the caller's transaction. The PDF and the mail
   * follow from the `debtor_invoice.created` event after commit.
   */
  async create(input: CreateInvoiceInput, ctx: DebtorContext = {}, extra: { order_id?: string; address_lines?: string[] } = {}): Promise<InvoiceDTO> {
    return this.atomicPhase_(async (manager) => {
      await assertCurrency(this.activeManager_, input.currency_code)
      let name = input.customer_name ?? null
      let email = input.email ?? null
      let address: string[] = extra.address_lines ?? []
      let terms = this.options_.payment_terms_days
      if (input.customer_id) {
        const customer = await debtorCustomer(this.customerService_, this.activeManager_, input.customer_id)
        name ??= [customer.first_name, customer.last_name].filter(Boolean).join(" ") || null
        email ??= customer.email ?? null
        const settings = await this.debtorSettingsService_.withTransaction(manager).settingsOf(input.customer_id)
        address = settings.address_lines.length ? settings.address_lines : address
        terms = settings.payment_terms_days ?? terms
      }
      const totals = invoiceTotals(input.lines)
      if (totals.total <= 0) {
        throw new DomainError("zero_total", "An invoice must total more than zero", 422)
      }
      const timeZone = ctx.location_id
        ? (await this.posLocationService_.withTransaction(manager).retrieve(ctx.location_id)).time_zone
        : this.options_.default_time_zone
      const [{ now }] = await manager.query(`SELECT now() AS now`)
      const issueDate = localDate(new Date(now), timeZone)
      const year = Number(issueDate.slice(0, 4))
      const prefix = ctx.location_id ? await this.debtorSettingsService_.withTransaction(manager).prefixOf(ctx.location_id) : ""
      const { number, sequence } = await nextNumber(manager, "invoice", year, prefix)
      const id = generateEntityId(undefined, "dinv")
      await manager.query(
        `INSERT INTO debtor_invoice
           (order_id, id, number, year, prefix, sequence, status, customer_id, buyer_name, buyer_address, email, currency_code, lines, tax_groups,
            net_total, tax_total, total, issue_date, due_date, payment_terms_days, time_zone, location_id, terminal_id, staff_id)
         VALUES ($23, $1, $2, $3, $22, $4, 'open', $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)`,
        [
          id,
          number,
          year,
          sequence,
          input.customer_id ?? null,
          name,
          JSON.stringify(address),
          email,
          input.currency_code,
          JSON.stringify(totals.lines),
          JSON.stringify(totals.tax_groups),
          totals.net_total,
          totals.tax_total,
          totals.total,
          issueDate,
          addDays(issueDate, terms),
          terms,
          timeZone,
          ctx.location_id ?? null,
          ctx.terminal_id ?? null,
          ctx.staff_id ?? null,
          prefix,
          extra.order_id ?? null,
        ]
      )
      await this.eventBusService_.withTransaction(manager).emit(DebtorInvoiceService.Events.CREATED, { id })
      return this.withTransaction(manager).retrieve(id)
    })
  }

  /**
   * The invoice of a web order paid "on invoice" (payment provider `invoice`),
   * written once per order whatever how often `order.placed` arrives: the
   * order's items and shipping at their gross totals (after discounts) and tax
   * rates, so the invoice total is the order total. What gift vouchers paid is
   * recorded as a payment (method `voucher`). Null for orders paid otherwise.
   */
  async createForOrder(orderId: string): Promise<InvoiceDTO | null> {
    return this.atomicPhase_(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`debtor-order:${orderId}`])
      const [existing] = await manager.query(`SELECT id FROM debtor_invoice WHERE order_id = $1`, [orderId])
      if (existing) {
        return this.withTransaction(manager).retrieve(existing.id)
      }
      const [onInvoice] = await manager.query(`SELECT 1 FROM payment WHERE order_id = $1 AND provider_id = $2 LIMIT 1`, [orderId, INVOICE_PROVIDER])
      if (!onInvoice) {
        return null
      }
      // The cart's hold on the customer's limit ends: the invoice counts from now on.
      await manager.query(`DELETE FROM debtor_invoice_hold WHERE cart_id = (SELECT cart_id FROM "order" WHERE id = $1)`, [orderId])
      const order = await this.orderService_.withTransaction(manager).retrieveWithTotals(orderId, {
        relations: ["items", "items.tax_lines", "shipping_methods", "shipping_methods.tax_lines", "shipping_methods.shipping_option", "payments", "billing_address", "shipping_address"],
      })
      if (!order.payments?.some((p) => p.provider_id === INVOICE_PROVIDER)) {
        return null
      }
      const rateOf = (lines: { rate: number }[] | undefined) => Math.round((lines ?? []).reduce((s, l) => s + Number(l.rate), 0) * 100) / 100
      const lines: CreateInvoiceInput["lines"] = []
      for (const item of order.items) {
        const total = Number(item.total ?? 0)
        if (total <= 0) continue
        const even = total % item.quantity === 0
        lines.push({
          title: (even ? item.title : `${item.quantity} × ${item.title}`).slice(0, 300),
          quantity: even ? item.quantity : 1,
          unit_price: even ? total / item.quantity : total,
          tax_rate: rateOf(item.tax_lines),
        })
      }
      for (const method of order.shipping_methods) {
        const total = Number(method.total ?? 0)
        if (total > 0) {
          lines.push({ title: method.shipping_option?.name ?? "Shipping", quantity: 1, unit_price: total, tax_rate: rateOf(method.tax_lines) })
        }
      }
      const address = order.billing_address ?? order.shipping_address
      const name = address ? [address.company, [address.first_name, address.last_name].filter(Boolean).join(" ")].filter(Boolean).join(", ") : ""
      const postalLines = address ? addressLines(address) : []
      const service = this.withTransaction(manager)
      const invoice = await service.create(
        { customer_id: order.customer_id ?? undefined, customer_name: name || undefined, email: order.email, currency_code: order.currency_code, lines },
        {},
        { order_id: orderId, address_lines: postalLines.slice(0, 6) }
      )
      const voucherPaid = Math.min(Number(order.gift_card_total ?? 0), invoice.total)
      if (voucherPaid > 0) {
        await service.recordPayment(invoice.id, { amount: voucherPaid, method: "voucher", reference: `order ${order.display_id}` })
      }
      return service.retrieve(invoice.id)
    })
  }

  /**
   * Corrects the buyer (name, address, e-mail) of an open invoice without
   * payments: the number and the amounts never change; the correction is
   * recorded with before/after and the PDF gets a new version.
   */
  async correctBuyer(
    id: string,
    data: { customer_name?: string; address_lines?: string[]; email?: string | null },
    ctx: DebtorContext = {}
  ): Promise<InvoiceDetail> {
    return this.atomicPhase_(async (manager) => {
      const row = await lockInvoice(manager, id)
      if (row.status !== "open" || Number(row.paid_total) > 0) {
        throw new DomainError(
          "invoice_locked",
          "Only an open invoice without payments can be corrected; cancel it with a credit note and write a new one",
          422
        )
      }
      const before = { customer_name: row.buyer_name, address_lines: row.buyer_address, email: row.email }
      const after = {
        customer_name: data.customer_name ?? row.buyer_name,
        address_lines: data.address_lines ?? row.buyer_address,
        email: data.email === undefined ? row.email : data.email,
      }
      await manager.query(
        `UPDATE debtor_invoice SET buyer_name = $2, buyer_address = $3, email = $4, version = version + 1, updated_at = now() WHERE id = $1`,
        [id, after.customer_name, JSON.stringify(after.address_lines), after.email]
      )
      await manager.query(
        `INSERT INTO debtor_invoice_correction (id, invoice_id, before, after, user_id) VALUES ($1, $2, $3, $4, $5)`,
        [generateEntityId(undefined, "dcor"), id, JSON.stringify(before), JSON.stringify(after), ctx.user_id ?? null]
      )
      await this.eventBusService_.withTransaction(manager).emit(DebtorInvoiceService.Events.CORRECTED, { id })
      return this.withTransaction(manager).retrieveDetail(id)
    })
  }

  /**
   * Records a payment (full or partial). The invoice becomes `paid` only when
   * its payments cover the total; more than the open amount is refused (422).
   */
  async recordPayment(
    id: string,
    data: { amount: number; method: string; paid_on?: string; reference?: string },
    ctx: DebtorContext & { idempotency_key?: string | null } = {}
  ): Promise<{ invoice: InvoiceDetail; payment: PaymentDTO; replayed?: boolean }> {
    return this.atomicPhase_(async (manager) => {
      const row = await lockInvoice(manager, id)
      const key = ctx.idempotency_key ? `${id}:${ctx.idempotency_key}` : null
      if (key) {
        // The invoice's row lock serialises the same key arriving twice at once.
        const [done] = await manager.query(`SELECT * FROM debtor_payment WHERE idempotency_key = $1`, [key])
        if (done) {
          return { invoice: await this.withTransaction(manager).retrieveDetail(id), payment: toPaymentDTO(done), replayed: true }
        }
      }
      if (row.status === "cancelled") {
        throw new DomainError("invoice_cancelled", `Invoice ${row.number} is cancelled`, 422)
      }
      const open = Number(row.total) - Number(row.paid_total) - Number(row.credited_total)
      if (data.amount > open) {
        throw new DomainError("overpayment", `Invoice ${row.number} has ${open} open; ${data.amount} is more`, 422)
      }
      const paidOn = data.paid_on ?? localDate(new Date(), String(row.time_zone))
      const paymentId = generateEntityId(undefined, "dpay")
      const [payment] = await manager.query(
        `INSERT INTO debtor_payment (id, invoice_id, amount, method, paid_on, reference, user_id, idempotency_key)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
        [paymentId, id, data.amount, data.method, paidOn, data.reference ?? null, ctx.user_id ?? null, key]
      )
      const [[updated]] = await manager.query(
        `UPDATE debtor_invoice
            SET paid_total = paid_total + $2,
                status = CASE WHEN paid_total + credited_total + $2 >= total THEN 'paid' ELSE status END,
                paid_at = CASE WHEN paid_total + credited_total + $2 >= total THEN now() ELSE paid_at END,
                updated_at = now()
          WHERE id = $1 RETURNING status`,
        [id, data.amount]
      )
      const events = this.eventBusService_.withTransaction(manager)
      await events.emit(DebtorInvoiceService.Events.PAYMENT_RECORDED, { id, payment_id: paymentId, amount: data.amount })
      if (updated.status === "paid") {
        await events.emit(DebtorInvoiceService.Events.PAID, { id, order_id: row.order_id ?? null })
      }
      return { invoice: await this.withTransaction(manager).retrieveDetail(id), payment: toPaymentDTO(payment) }
    })
  }

  /**
   * Cancels an invoice with a credit note of its own gapless series. The
   * invoice is never deleted and keeps its number. Refused once payments were
   * recorded (422): refund them first. Cancelling twice returns the first credit note.
   */
  async cancel(id: string, data: { reason?: string } = {}): Promise<{ invoice: InvoiceDetail; credit_note: CreditNoteDTO }> {
    return this.cancel_(id, data, false)
  }

  /**
   * The invoice of a cancelled web order is cancelled with a credit note too,
   * so no reminder goes out for goods that never left: whatever was recorded
   * against it (the order's vouchers, which the gift-card plugin puts back on
   * the order's cancellation, or a transfer the merchant then pays back).
   * Keyed by order: a repeated event finds the invoice cancelled. Null when
   * the order has no invoice.
   */
  async cancelForOrder(orderId: string): Promise<{ invoice: InvoiceDetail; credit_note: CreditNoteDTO } | null> {
    return this.atomicPhase_(async (manager) => {
      const [row] = await manager.query(`SELECT id FROM debtor_invoice WHERE order_id = $1`, [orderId])
      return row ? this.withTransaction(manager).cancel_(row.id, { reason: "order cancelled" }, true) : null
    })
  }

  protected async cancel_(id: string, data: { reason?: string }, withPayments: boolean): Promise<{ invoice: InvoiceDetail; credit_note: CreditNoteDTO }> {
    return this.atomicPhase_(async (manager) => {
      const row = await lockInvoice(manager, id)
      if (row.status === "cancelled") {
        const detail = await this.withTransaction(manager).retrieveDetail(id)
        if (detail.credit_note) {
          return { invoice: detail, credit_note: detail.credit_note }
        }
        // Settled in full by partial credit notes: the last of them stands for the cancellation.
        return { invoice: detail, credit_note: detail.credit_notes[detail.credit_notes.length - 1] }
      }
      if (!withPayments && Number(row.paid_total) > 0) {
        throw new DomainError("invoice_has_payments", `Invoice ${row.number} has payments recorded; it cannot be cancelled`, 422)
      }
      const [{ now }] = await manager.query(`SELECT now() AS now`)
      const issueDate = localDate(new Date(now), String(row.time_zone))
      const { number } = await nextNumber(manager, "credit_note", Number(issueDate.slice(0, 4)))
      // What partial credit notes already took off is not credited twice.
      const rest = Number(row.total) - Number(row.credited_total)
      if (rest <= 0) {
        throw new DomainError("invoice_credited", `Invoice ${row.number} has been credited in full`, 422)
      }
      const partial = Number(row.credited_total) > 0
      const totals = partial ? partialTotals(row, rest) : null
      const [note] = await manager.query(
        `INSERT INTO debtor_credit_note (id, number, invoice_id, total, reason, issue_date, kind, lines, tax_groups)
         VALUES ($1, $2, $3, $4, $5, $6, 'cancellation', $7, $8) RETURNING *`,
        [
          generateEntityId(undefined, "dcrn"),
          number,
          id,
          rest,
          data.reason ?? null,
          issueDate,
          totals ? JSON.stringify(totals.lines) : null,
          totals ? JSON.stringify(totals.tax_groups) : null,
        ]
      )
      await manager.query(`UPDATE debtor_invoice SET status = 'cancelled', cancelled_at = now(), updated_at = now() WHERE id = $1`, [id])
      await this.eventBusService_.withTransaction(manager).emit(DebtorInvoiceService.Events.CANCELLED, { id, credit_note_id: note.id })
      return { invoice: await this.withTransaction(manager).retrieveDetail(id), credit_note: toCreditNoteDTO(note) }
    })
  }

  /**
   * Money Medusa gives back on a web order paid on invoice — a received
   * return, a refund claim, a swap's difference, an admin refund: each is a
   * Medusa refund against the order's `invoice` payment, which moves no money.
   * Each such refund becomes a partial credit note against the order's
   * invoice, once per refund id (a unique index and the invoice's row lock),
   * whatever how often and how concurrently the events arrive; every refund
   * of the order is settled, so one whose own event was lost is counted too.
   * The amount is split over the invoice's tax rates in proportion to their
   * gross (integer arithmetic, remainders to the largest shares). When the
   * credit notes and payments cover the invoice it is settled: `paid` if
   * anything was paid (then `debtor_invoice.paid`), otherwise `cancelled`.
   * Returns the credit notes written now.
   */
  async creditRefundsOfOrder(orderId: string): Promise<CreditNoteDTO[]> {
    return this.atomicPhase_(async (manager) => {
      const [found] = await manager.query(`SELECT id FROM debtor_invoice WHERE order_id = $1`, [orderId])
      if (!found) {
        return []
      }
      const row = await lockInvoice(manager, found.id)
      // Medusa's refund rows name only the order; what went against the `invoice` payment is
      // that payment's amount_refunded. Refunds are credited oldest first up to it.
      const refunds: { id: string; amount: string; reason: string | null }[] = await manager.query(
        `SELECT r.id, r.amount::text, r.reason FROM refund r
          WHERE r.order_id = $1 AND NOT EXISTS (SELECT 1 FROM debtor_credit_note n WHERE n.refund_id = r.id)
          ORDER BY r.created_at, r.id`,
        [orderId]
      )
      const [{ budget }] = await manager.query(
        `SELECT (COALESCE((SELECT SUM(p.amount_refunded) FROM payment p WHERE p.order_id = $1 AND p.provider_id = $2), 0)
               - COALESCE((SELECT SUM(n.total) FROM debtor_credit_note n WHERE n.invoice_id = $3 AND n.kind = 'refund'), 0))::bigint::text AS budget`,
        [orderId, INVOICE_PROVIDER, row.id]
      )
      let left = Number(budget)
      const written: CreditNoteDTO[] = []
      let credited = Number(row.credited_total)
      let status = String(row.status)
      for (const refund of refunds) {
        // A cancelled invoice owes nothing more; an invoice can never be credited beyond its total.
        const amount = Math.min(Number(refund.amount), left, Number(row.total) - credited)
        if (status === "cancelled" || amount <= 0) {
          break
        }
        left -= amount
        const [{ now }] = await manager.query(`SELECT now() AS now`)
        const issueDate = localDate(new Date(now), String(row.time_zone))
        const { number } = await nextNumber(manager, "credit_note", Number(issueDate.slice(0, 4)))
        const totals = partialTotals(row, amount)
        const [note] = await manager.query(
          `INSERT INTO debtor_credit_note (id, number, invoice_id, total, reason, issue_date, kind, refund_id, lines, tax_groups)
           VALUES ($1, $2, $3, $4, $5, $6, 'refund', $7, $8, $9) RETURNING *`,
          [generateEntityId(undefined, "dcrn"), number, row.id, amount, refund.reason ?? "refund", issueDate, refund.id, JSON.stringify(totals.lines), JSON.stringify(totals.tax_groups)]
        )
        credited += amount
        const settled = Number(row.paid_total) + credited >= Number(row.total)
        const next = !settled ? status : Number(row.paid_total) > 0 ? "paid" : "cancelled"
        await manager.query(
          `UPDATE debtor_invoice
              SET credited_total = credited_total + $2, status = $3::varchar,
                  paid_at = CASE WHEN $3::varchar = 'paid' AND status <> 'paid' THEN now() ELSE paid_at END,
                  cancelled_at = CASE WHEN $3::varchar = 'cancelled' THEN now() ELSE cancelled_at END,
                  updated_at = now()
            WHERE id = $1`,
          [row.id, amount, next]
        )
        const events = this.eventBusService_.withTransaction(manager)
        await events.emit(DebtorInvoiceService.Events.CREDITED, { id: row.id, credit_note_id: note.id })
        if (next === "paid" && status !== "paid") {
          await events.emit(DebtorInvoiceService.Events.PAID, { id: row.id, order_id: orderId })
        }
        status = next
        written.push(toCreditNoteDTO(note))
      }
      return written
    })
  }

  // ── Reading ───────────────────────────────────────────────────────────

  /** One invoice; 404 `not_found` when unknown. */
  async retrieve(id: string): Promise<InvoiceDTO> {
    const [row] = await this.activeManager_.query(`SELECT ${INVOICE_COLUMNS("now()")} FROM debtor_invoice i WHERE i.id = $1`, [id])
    if (!row) {
      throw new DomainError("not_found", `Invoice ${id} was not found`, 404)
    }
    return toInvoiceDTO(row)
  }

  /** An invoice with its payments, credit note, corrections and reminders. */
  async retrieveDetail(id: string): Promise<InvoiceDetail> {
    const invoice = await this.retrieve(id)
    const m = this.activeManager_
    const payments = await m.query(`SELECT * FROM debtor_payment WHERE invoice_id = $1 ORDER BY created_at, id`, [id])
    const notes: Row[] = await m.query(`SELECT * FROM debtor_credit_note WHERE invoice_id = $1 ORDER BY created_at, number`, [id])
    const note = notes.find((n) => n.kind === "cancellation")
    const corrections = await m.query(`SELECT * FROM debtor_invoice_correction WHERE invoice_id = $1 ORDER BY created_at, id`, [id])
    const reminders = await m.query(`SELECT level, sent_on FROM debtor_reminder WHERE invoice_id = $1 ORDER BY level`, [id])
    return {
      ...invoice,
      payments: payments.map(toPaymentDTO),
      credit_note: note ? toCreditNoteDTO(note) : null,
      credit_notes: notes.map(toCreditNoteDTO),
      corrections: corrections.map(toCorrectionDTO),
      reminders: reminders.map((r: { level: number; sent_on: unknown }) => ({ level: r.level, sent_on: day(r.sent_on) })),
    }
  }

  /**
   * The debtor list: newest first, filtered by status (`overdue` = open and
   * past due in the invoice's time zone; `open` = every open invoice), customer,
   * issue-date period and number or name; with totals per currency over the
   * whole filter (not just the page).
   */
  async listAndCount(filter: InvoiceFilter = {}, page: Page = {}): Promise<{ invoices: InvoiceDTO[]; count: number; totals: InvoiceTotalsByCurrency[] }> {
    const { where, params } = whereOf(filter)
    const limit = Math.min(page.limit ?? 50, 500)
    const offset = page.offset ?? 0
    const rows = await this.activeManager_.query(
      `SELECT ${INVOICE_COLUMNS("now()")} FROM debtor_invoice i ${where}
        ORDER BY i.created_at DESC, i.id DESC LIMIT ${limit} OFFSET ${offset}`,
      params
    )
    const sums: Record<string, string>[] = await this.activeManager_.query(
      `SELECT i.currency_code, count(*) AS count, sum(i.total) AS total, sum(i.paid_total) AS paid,
              sum(CASE WHEN i.status = 'cancelled' THEN 0 ELSE GREATEST(i.total - i.paid_total - i.credited_total, 0) END) AS open
         FROM debtor_invoice i ${where} GROUP BY i.currency_code ORDER BY i.currency_code`,
      params
    )
    const totals = sums.map((s) => ({
      currency_code: s.currency_code,
      count: Number(s.count),
      total: Number(s.total),
      paid: Number(s.paid),
      open: Number(s.open),
    }))
    return { invoices: rows.map(toInvoiceDTO), count: totals.reduce((n, t) => n + t.count, 0), totals }
  }

  /** Open invoices of a customer (or all), oldest first, for statements and exports. */
  async openItems(filter: { customer_id?: string; currency_code?: string; limit?: number } = {}): Promise<InvoiceDTO[]> {
    const params: unknown[] = []
    const clauses = [`i.status = 'open'`]
    if (filter.customer_id) {
      params.push(filter.customer_id)
      clauses.push(`i.customer_id = $${params.length}`)
    }
    if (filter.currency_code) {
      params.push(filter.currency_code)
      clauses.push(`i.currency_code = $${params.length}`)
    }
    const rows = await this.activeManager_.query(
      `SELECT ${INVOICE_COLUMNS("now()")} FROM debtor_invoice i WHERE ${clauses.join(" AND ")}
        ORDER BY i.issue_date, i.number LIMIT ${Math.min(filter.limit ?? 10_000, 10_000)}`,
      params
    )
    return rows.map(toInvoiceDTO)
  }

  /** Payments recorded in [from, to] (paid_on), with their invoice's number and currency, for the export. */
  async paymentsBetween(from?: string, to?: string): Promise<(PaymentDTO & { number: string; currency_code: string; customer_id: string | null })[]> {
    const rows = await this.activeManager_.query(
      `SELECT p.*, i.number, i.currency_code, i.customer_id FROM debtor_payment p JOIN debtor_invoice i ON i.id = p.invoice_id
        WHERE ($1::date IS NULL OR p.paid_on >= $1::date) AND ($2::date IS NULL OR p.paid_on <= $2::date)
        ORDER BY p.paid_on, p.created_at LIMIT 100000`,
      [from ?? null, to ?? null]
    )
    return rows.map((r: Row) => ({ ...toPaymentDTO(r), number: String(r.number), currency_code: String(r.currency_code), customer_id: (r.customer_id as string | null) ?? null }))
  }

  async health(): Promise<ModuleHealth> {
    try {
      await this.activeManager_.query(`SELECT 1 FROM debtor_number_counter LIMIT 1`)
      return { status: "ok" }
    } catch (e) {
      return { status: "failing", detail: (e as Error).message }
    }
  }

  // ── Who may buy on invoice ────────────────────────────────────────────

  /**
   * Why this customer may not buy `amount` on invoice in the web checkout, or
   * null when they may: only a signed-up customer the merchant approved, in
   * the store's currency, and only while their open invoices, the orders on
   * invoice whose invoice is still being written and this amount stay within
   * the customer's limit. The `invoice` payment provider refuses with it.
   */
  async invoicePurchaseRefusal(
    customerId: string | null | undefined,
    amount: number,
    currencyCode: string,
    cartId: string | null = null
  ): Promise<{ code: string; message: string } | null> {
    const m = this.activeManager_
    const [customer] = customerId ? await m.query(`SELECT id, has_account FROM customer WHERE id = $1 AND deleted_at IS NULL`, [customerId]) : []
    if (!customer?.has_account) {
      return { code: "invoice_sign_in_required", message: "Buying on invoice needs a customer account the shop has approved for it; please sign in or choose another payment method" }
    }
    const settings = await this.debtorSettingsService_.withTransaction(m).settingsOf(customerId!)
    if (!settings.invoice_approved) {
      return { code: "invoice_not_approved", message: "This customer account is not approved for buying on invoice; please choose another payment method" }
    }
    const [store] = await m.query(`SELECT default_currency_code FROM store LIMIT 1`)
    if (String(currencyCode).toLowerCase() !== String(store?.default_currency_code ?? "").toLowerCase()) {
      return { code: "invoice_currency", message: `Buying on invoice is offered in ${String(store?.default_currency_code ?? "").toUpperCase()} only` }
    }
    const [{ open }] = await m.query(
      `SELECT (COALESCE((SELECT SUM(GREATEST(i.total - i.paid_total - i.credited_total, 0)) FROM debtor_invoice i
                          WHERE i.customer_id = $1 AND i.status = 'open' AND i.currency_code = $2), 0)
             + COALESCE((SELECT SUM(p.amount) FROM payment p JOIN "order" o ON o.id = p.order_id
                          WHERE p.provider_id = $3 AND o.customer_id = $1 AND o.status <> 'canceled' AND p.currency_code = $2
                            AND NOT EXISTS (SELECT 1 FROM debtor_invoice d WHERE d.order_id = o.id)), 0)
             + COALESCE((SELECT SUM(h.amount) FROM debtor_invoice_hold h
                          WHERE h.customer_id = $1 AND h.currency_code = $2 AND h.cart_id IS DISTINCT FROM $4::varchar
                            AND h.created_at > now() - make_interval(mins => $5)
                            AND NOT EXISTS (SELECT 1 FROM "order" o WHERE o.cart_id = h.cart_id)), 0))::bigint::text AS open`,
      [customerId, currencyCode.toLowerCase(), INVOICE_PROVIDER, cartId, HOLD_MINUTES]
    )
    if (Number(open) + amount > settings.invoice_limit) {
      return { code: "invoice_limit_exceeded", message: "This order would exceed the amount this customer account may have open on invoice; please choose another payment method" }
    }
    return null
  }

  /**
   * When a cart's on-invoice payment is authorized (its completion): the
   * check of `invoicePurchaseRefusal`, read from the database (the cart's
   * customer, the session's amount — nothing from the client), and if it
   * passes, the cart holds its amount against the customer's limit until its
   * order exists (then the order counts) or `HOLD_MINUTES` pass. Under a lock
   * per customer, so of two completions at once the second sees the first's
   * hold. Run it in a transaction of its own: the hold must be visible to
   * other completions before this one commits.
   */
  async holdForCart(cartId: string): Promise<{ code: string; message: string } | null> {
    return this.atomicPhase_(async (manager) => {
      const [row] = await manager.query(
        `SELECT c.customer_id, ps.amount, r.currency_code FROM cart c
           JOIN region r ON r.id = c.region_id
           JOIN payment_session ps ON ps.cart_id = c.id AND ps.provider_id = $2
          WHERE c.id = $1`,
        [cartId, INVOICE_PROVIDER]
      )
      if (!row) {
        return { code: "invoice_no_session", message: "This cart has no on-invoice payment" }
      }
      if (row.customer_id) {
        await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`debtor-limit:${row.customer_id}`])
        await manager.query(`DELETE FROM debtor_invoice_hold WHERE customer_id = $1 AND created_at <= now() - make_interval(mins => $2)`, [row.customer_id, HOLD_MINUTES])
      }
      const refused = await this.withTransaction(manager).invoicePurchaseRefusal(row.customer_id, Number(row.amount), String(row.currency_code), cartId)
      if (refused) {
        return refused
      }
      await manager.query(
        `INSERT INTO debtor_invoice_hold (cart_id, customer_id, currency_code, amount) VALUES ($1, $2, $3, $4)
         ON CONFLICT (cart_id) DO UPDATE SET customer_id = $2, currency_code = $3, amount = $4, created_at = now()`,
        [cartId, row.customer_id, String(row.currency_code).toLowerCase(), Number(row.amount)]
      )
      return null
    })
  }
}

/**
 * Lines and tax split of a credit note for `amount` of an invoice: the amount
 * shared over the invoice's tax rates in proportion to their gross, one line
 * per rate, so the credit note's tax is what the credited part carried.
 */
function partialTotals(row: Row, amount: number): ReturnType<typeof invoiceTotals> {
  const groups = (row.tax_groups as { tax_rate: number; gross: number }[]).filter((g) => g.gross > 0)
  const parts = allocate(amount, groups.map((g) => g.gross))
  return invoiceTotals(
    groups
      .map((g, i) => ({ title: `${String(row.number)} · ${g.tax_rate} %`, quantity: 1, unit_price: parts[i], tax_rate: g.tax_rate }))
      .filter((l) => l.unit_price > 0)
  )
}

async function lockInvoice(manager: EntityManager, id: string): Promise<Row> {
  const [row] = await manager.query(`SELECT * FROM debtor_invoice WHERE id = $1 FOR UPDATE`, [id])
  if (!row) {
    throw new DomainError("not_found", `Invoice ${id} was not found`, 404)
  }
  return row
}

function whereOf(filter: InvoiceFilter): { where: string; params: unknown[] } {
  const params: unknown[] = []
  const clauses: string[] = []
  const add = (sql: (p: string) => string, value: unknown) => {
    params.push(value)
    clauses.push(sql(`$${params.length}`))
  }
  switch (filter.status) {
    case "open":
    case "paid":
    case "cancelled":
      add((p) => `i.status = ${p}`, filter.status)
      break
    case "overdue":
      clauses.push(`i.status = 'open' AND i.due_date < (now() AT TIME ZONE i.time_zone)::date`)
      break
  }
  if (filter.customer_id) add((p) => `i.customer_id = ${p}`, filter.customer_id)
  if (filter.from) add((p) => `i.issue_date >= ${p}::date`, filter.from)
  if (filter.to) add((p) => `i.issue_date <= ${p}::date`, filter.to)
  if (filter.q) add((p) => `(i.number ILIKE ${p} OR i.buyer_name ILIKE ${p} OR i.email ILIKE ${p})`, `%${filter.q.replace(/[%_\\]/g, "\\$&")}%`)
  return { where: clauses.length ? `WHERE ${clauses.join(" AND ")}` : "", params }
}
