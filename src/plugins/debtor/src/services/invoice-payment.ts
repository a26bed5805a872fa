import { AbstractPaymentProcessor, PaymentSessionStatus } from "@medusajs/medusa"
import type { PaymentProcessorContext, PaymentProcessorError, PaymentProcessorSessionResponse } from "@medusajs/medusa"

type SessionData = Record<string, unknown>

/**
 * "On invoice" for the web checkout (provider id `invoice`): the payment is
 * authorized at once, no money moves at checkout; the `order.placed`
 * subscriber writes the numbered invoice (keyed by order) that the customer
 * then pays by bank transfer and the merchant records in the debtor list.
 * Capturing, refunding and cancelling only record state.
 */
export default class InvoicePaymentProcessor extends AbstractPaymentProcessor {
  static override identifier = "invoice"

  constructor(container: Record<string, unknown>, options?: Record<string, unknown>) {
    super(container, options)
  }

  async initiatePayment(context: PaymentProcessorContext): Promise<PaymentProcessorError | PaymentProcessorSessionResponse> {
    return { session_data: { status: "pending", amount: context.amount, currency_code: context.currency_code, resource_id: context.resource_id } }
  }

  async updatePayment(context: PaymentProcessorContext): Promise<PaymentProcessorError | PaymentProcessorSessionResponse | void> {
    return { session_data: { ...context.paymentSessionData, amount: context.amount, currency_code: context.currency_code } }
  }

  async updatePaymentData(_sessionId: string, data: SessionData): Promise<PaymentProcessorError | SessionData> {
    return data
  }

  async authorizePayment(data: SessionData): Promise<PaymentProcessorError | { status: PaymentSessionStatus; data: SessionData }> {
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
