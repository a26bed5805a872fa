import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { escapeHtml as h, isDomainError } from "@customer-modules/core"

import type HostedCheckoutService from "#services/hosted-checkout"
import { localeOf, sendEmbedHtml } from "#utils/embed"
import { PAYMENT_TEXTS, paymentAttributes } from "#utils/embed-texts"

function money(minor: number, currency: string, locale: string): string {
  return new Intl.NumberFormat(locale, { style: "currency", currency: currency.toUpperCase() }).format(minor / 100)
}

/**
 * GET /embed/checkout?token=&locale= : the payment step of the voucher shop and
 * the top-up page on a top-level page (never framed: `frame-ancestors 'none'`),
 * for providers that cannot pay inside the merchant's iframe. The signed,
 * short-lived token names the cart; when paid, the page tells the framed page
 * that opened it (`postMessage` to its opener), which also asks the status.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const locale = localeOf(req.query.locale)
  const T = PAYMENT_TEXTS[locale]
  const checkout = req.scope.resolve<HostedCheckoutService>("hostedCheckoutService")
  const stripe = Boolean(checkout.stripePublishableKey)
  const token = typeof req.query.token === "string" ? req.query.token : ""
  let summary: Awaited<ReturnType<HostedCheckoutService["summary"]>>
  try {
    summary = await checkout.summary(checkout.verify(token))
  } catch (e) {
    if (!isDomainError(e)) {
      throw e
    }
    sendEmbedHtml(res, { status: 403, title: T.title, lang: locale, script: "/embed/checkout/script", topLevel: true, body: `<main class="cm-shop"><h1>${h(T.title)}</h1><p>${h(T.invalid)}</p></main>` })
    return
  }
  const provider = summary.providers[0]
  const order = summary.completed ? await checkout.status(summary.cart_id) : null
  const body = `<main class="cm-shop cm-checkout" data-cart="${h(summary.cart_id)}" data-token="${h(token)}" data-locale="${locale}"
      data-provider="${h(provider?.id ?? "")}" data-client="${h(provider?.client ?? "")}" data-order="${h(order?.order_id ?? "")}"
      data-t-error="${h(T.error)}" data-t-paid="${h(T.paid)}" ${paymentAttributes(locale, h, checkout.stripePublishableKey)}>
  <h1>${h(T.title)}</h1>
  <p class="cm-total">${h(T.total)}: <strong>${h(money(summary.total, summary.currency_code, locale))}</strong></p>
  <div id="cm-payment"></div>
  ${provider ? `<button type="button" class="cm-button" id="cm-pay-now"${provider.client === "stripe" || summary.completed ? " hidden" : ""}>${h(T.pay_now)}</button>` : `<p>${h(T.no_provider)}</p>`}
  <p class="cm-status" role="status" aria-live="polite" id="cm-status">${summary.completed ? h(T.paid) : ""}</p>
</main>`
  sendEmbedHtml(res, { title: T.title, lang: locale, script: "/embed/checkout/script", body, stripe, topLevel: true })
}
