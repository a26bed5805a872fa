import { AbstractPaymentProcessor, PaymentSessionStatus } from "@medusajs/medusa"
import type { PaymentProcessorContext, PaymentProcessorError, PaymentProcessorSessionResponse } from "@medusajs/medusa"

import { inNewTransaction } from "@customer-modules/core"

import type DebtorInvoiceService from "./debtor-invoice"

type SessionData = Record<string, unknown>

/**
 * "On invoice" for the web checkout (provider id `invoice`): no money moves at
 * checkout; the `order.placed` subscriber writes the numbered invoice (keyed by
 * order) that the customer then pays by bank transfer and the merchant records
 * in the debtor list. Capturing, refunding and cancelling only record state
 * (refunds become credit notes through the debtor's refund subscriber).
 *
 * Only for customers the merchant approved, within their limit of open
 * invoices (decision 0071): checked when the session is created (so the
 * checkout shows Medusa's payment session error at once) and again, from the
 * database, when the cart completes (authorization), where the cart then
 * holds its amount against the limit until its order exists.
 */
export default class InvoicePaymentProcessor extends AbstractPaymentProcessor {
  static override identifier = "invoice"

  protected readonly container_: Record<string, unknown>

  constructor(container: Record<string, unknown>, options?: Record<string, unknown>) {
    super(container, options)
    this.container_ = container
  }

  /** Resolved on use: the processor is registered before the plugin's services. */
  protected get invoices_(): DebtorInvoiceService {
    return this.container_.debtorInvoiceService as DebtorInvoiceService
  }

  protected async refusal_(context: PaymentProcessorContext): Promise<PaymentProcessorError | null> {
    const refused = await this.invoices_.invoicePurchaseRefusal(context.customer?.id, context.amount, context.currency_code, context.resource_id ?? null)
    return refused ? { error: refused.message, code: refused.code } : null
  }

  async initiatePayment(context: PaymentProcessorContext): Promise<PaymentProcessorError | PaymentProcessorSessionResponse> {
    const refused = await this.refusal_(context)
    if (refused) {
      return refused
    }
    return { session_data: { status: "pending", amount: context.amount, currency_code: context.currency_code, resource_id: context.resource_id } }
  }

  /** Not refused here: Medusa updates sessions on every cart change, which would block the cart; completion checks again. */
  async updatePayment(context: PaymentProcessorContext): Promise<PaymentProcessorError | PaymentProcessorSessionResponse | void> {
    return { session_data: { ...context.paymentSessionData, amount: context.amount, currency_code: context.currency_code } }
  }

  /** The client may not write session data (it could claim "authorized"). */
  async updatePaymentData(_sessionId: string, _data: SessionData): Promise<PaymentProcessorError | SessionData> {
    return { error: "An on-invoice payment takes no data from the client", code: "invoice_session_data" }
  }

  async authorizePayment(data: SessionData): Promise<PaymentProcessorError | { status: PaymentSessionStatus; data: SessionData }> {
    const cartId = typeof data.resource_id === "string" ? data.resource_id : null
    // Its own transaction: the hold must be seen by a concurrent completion before this one commits.
    const refused = cartId
      ? await inNewTransaction(this.invoices_, (s) => s.holdForCart(cartId))
      : { code: "invoice_no_session", message: "This on-invoice payment belongs to no cart" }
    if (refused) {
      return { error: refused.message, code: refused.code }
    }
    return { status: PaymentSessionStatus.AUTHORIZED, data: { ...data, status: "authorized" } }
  }

  async getPaymentStatus(data: SessionData): Promise<PaymentSessionStatus> {
    return data.status === "authorized" || data.status === "captured" ? PaymentSessionStatus.AUTHORIZED : PaymentSessionStatus.PENDING
  }

  async retrievePayment(data: SessionData): Promise<PaymentProcessorError | SessionData> {
    return data
  }

  async capturePayment(data: SessionData): Promise<PaymentProcessorError | SessionData> {
    return { ...data, status: "captured" }
  }

  async refundPayment(data: SessionData): Promise<PaymentProcessorError | SessionData> {
    return data
  }

  async cancelPayment(data: SessionData): Promise<PaymentProcessorError | SessionData> {
    return { ...data, status: "canceled" }
  }

  async deletePayment(data: SessionData): Promise<PaymentProcessorError | SessionData> {
    return data
  }
}
