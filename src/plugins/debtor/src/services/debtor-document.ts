import { generateEntityId, TransactionBaseService } from "@medusajs/medusa"
import type { EntityManager } from "typeorm"

import { DomainError } from "@customer-modules/core"
import type { DocumentService, MailDTO, MailService } from "@customer-modules/jobs"

import type { InvoiceDocumentData } from "../documents/invoice"
import type { CreditNoteDTO, InvoiceDTO } from "../types"
import type DebtorInvoiceService from "./debtor-invoice"

type InjectedDependencies = {
  manager: EntityManager
  documentService: DocumentService
  mailService: MailService
  debtorInvoiceService: DebtorInvoiceService
}

/**
 * The invoice and credit note documents and mails: what the PDF prints
 * (gross prices and the invoice's own integer tax split), rendering on
 * demand, and the stored PDF and mail after an invoice is written, corrected,
 * cancelled or credited.
 *
 * Guarantees, however often the events arrive:
 * - one stored PDF and one mail per invoice version
 *   (`debtor:invoice:<id>:v<version>`, mail `…:mail:v<version>`), and one per
 *   credit note (`debtor:credit-note:<id>`); only a resend makes a new mail;
 * - no mail without an e-mail address (a resend without one is 422 `no_email`).
 *
 * Resolved as `debtorDocumentService`; the invoices are `debtorInvoiceService`'s.
 */
export default class DebtorDocumentService extends TransactionBaseService {
  protected readonly documentService_: DocumentService
  protected readonly mailService_: MailService
  protected readonly debtorInvoiceService_: DebtorInvoiceService

  constructor(container: InjectedDependencies) {
    super(container)
    this.documentService_ = container.documentService
    this.mailService_ = container.mailService
    this.debtorInvoiceService_ = container.debtorInvoiceService
  }

  /** What the invoice PDF prints (gross prices, so the PDF's tax split is ours). */
  documentData(invoice: InvoiceDTO): InvoiceDocumentData {
    return {
      number: invoice.number,
      issue_date: invoice.issue_date,
      delivery_date: invoice.issue_date,
      due_date: invoice.due_date,
      currency_code: invoice.currency_code,
      buyer: {
        name: invoice.customer_name ?? "—",
        address_lines: invoice.address_lines,
        customer_number: invoice.customer_id ?? null,
      },
      lines: invoice.lines.map((l) => ({ description: l.title, quantity: l.quantity, unit_price_minor: l.unit_price, tax_rate: l.tax_rate })),
      prices_include_tax: true,
      payment_terms: null,
    }
  }

  /** The credit note PDF: the invoice's lines with negative prices, pointing at the invoice. */
  creditNoteData(invoice: InvoiceDTO, note: CreditNoteDTO): InvoiceDocumentData {
    const data = this.documentData(invoice)
    const own = note.lines?.map((l) => ({ description: l.title, quantity: l.quantity, unit_price_minor: l.unit_price, tax_rate: l.tax_rate }))
    return {
      ...data,
      number: note.number,
      issue_date: note.issue_date,
      due_date: null,
      payment_terms: null,
      notes: note.reason ?? null,
      corrects_invoice_number: invoice.number,
      lines: (own ?? data.lines).map((l) => ({ ...l, unit_price_minor: -l.unit_price_minor })),
    }
  }

  /** The key under which the jobs plugin stores this version of the invoice PDF. */
  documentKey(invoice: InvoiceDTO): string {
    return `debtor:invoice:${invoice.id}:v${invoice.version}`
  }

  /** Renders the invoice PDF now (preview, download). */
  async pdf(id: string): Promise<{ invoice: InvoiceDTO; content: Buffer }> {
    const invoice = await this.debtorInvoiceService_.withTransaction(this.activeManager_).retrieve(id)
    return { invoice, content: await this.documentService_.render("invoice", this.documentData(invoice)) }
  }

  /** Renders the credit note PDF of a cancelled invoice now. */
  async creditNotePdf(id: string): Promise<{ credit_note: CreditNoteDTO; content: Buffer }> {
    const detail = await this.debtorInvoiceService_.withTransaction(this.activeManager_).retrieveDetail(id)
    if (!detail.credit_note) {
      throw new DomainError("not_found", `Invoice ${detail.number} has no credit note`, 404)
    }
    return { credit_note: detail.credit_note, content: await this.documentService_.render("invoice", this.creditNoteData(detail, detail.credit_note)) }
  }

  /**
   * Queues the PDF and, when an e-mail is known, the invoice mail with the PDF
   * attached, keyed by invoice (and version): safe to run twice.
   */
  async sendDocumentsIfNotSent(id: string): Promise<MailDTO | null> {
    const invoice = await this.debtorInvoiceService_.withTransaction(this.activeManager_).retrieve(id)
    const data = this.documentData(invoice)
    const key = this.documentKey(invoice)
    await this.documentService_.enqueue({ key, kind: "invoice", data })
    if (!invoice.email) {
      return null
    }
    return this.mail_(invoice, invoice.email, `debtor:invoice:${invoice.id}:mail:v${invoice.version}`)
  }

  /** Sends the invoice again (to its address or another one); every call is a new mail. */
  async resend(id: string, to?: string): Promise<MailDTO> {
    const invoice = await this.debtorInvoiceService_.withTransaction(this.activeManager_).retrieve(id)
    const address = to ?? invoice.email
    if (!address) {
      throw new DomainError("no_email", `Invoice ${invoice.number} has no e-mail address; give one`, 422)
    }
    return this.mail_(invoice, address, `debtor:invoice:${invoice.id}:resend:${generateEntityId(undefined, "send")}`)
  }

  /**
   * The credit note mail with its PDF, once per credit note (when the invoice
   * has an e-mail): the given one, or the cancellation's.
   */
  async sendCreditNoteIfNotSent(id: string, creditNoteId?: string): Promise<MailDTO | null> {
    const detail = await this.debtorInvoiceService_.withTransaction(this.activeManager_).retrieveDetail(id)
    const note = creditNoteId ? detail.credit_notes.find((n) => n.id === creditNoteId) : detail.credit_note
    if (!note) {
      return null
    }
    const data = this.creditNoteData(detail, note)
    const key = `debtor:credit-note:${note.id}`
    await this.documentService_.enqueue({ key, kind: "invoice", data })
    if (!detail.email) {
      return null
    }
    return this.mailService_.enqueue({
      key: `${key}:mail`,
      kind: "credit_note",
      to: detail.email,
      data: { customer_name: detail.customer_name, credit_note_number: note.number, invoice_number: detail.number, total_minor: note.total, currency_code: detail.currency_code },
      attachments: [{ document: { kind: "invoice", key, data, filename: `${note.number}.pdf` } }],
    })
  }

  protected async mail_(invoice: InvoiceDTO, to: string, key: string): Promise<MailDTO> {
    return this.mailService_.enqueue({
      key,
      kind: "invoice",
      to,
      data: {
        customer_name: invoice.customer_name,
        invoice_number: invoice.number,
        total_minor: invoice.total,
        currency_code: invoice.currency_code,
        due_date: invoice.due_date,
      },
      attachments: [{ document: { kind: "invoice", key: this.documentKey(invoice), data: this.documentData(invoice), filename: `${invoice.number}.pdf` } }],
    })
  }
}
