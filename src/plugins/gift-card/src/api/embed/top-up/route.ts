import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { escapeHtml as h } from "@customer-modules/core"

import type HostedCheckoutService from "#services/hosted-checkout"
import { localeOf, sendEmbedHtml } from "#utils/embed"
import { paymentAttributes, TOP_UP_TEXTS } from "#utils/embed-texts"

/**
 * GET /embed/top-up?locale= : loads a prepaid card (by its number) or a blank
 * voucher (serial number and the PIN under its scratch field) online, paid
 * through Medusa's checkout; credited when the payment is captured.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const locale = localeOf(req.query.locale)
  const T = TOP_UP_TEXTS[locale]
  const stripeKey = req.scope.resolve<HostedCheckoutService>("hostedCheckoutService").stripePublishableKey
  const body = `<main class="cm-shop" data-locale="${locale}" data-t-error="${h(T.error)}" data-t-thanks="${h(T.thanks)}" ${paymentAttributes(locale, h, stripeKey)}>
  <h1>${h(T.title)}</h1>
  <form class="cm-form" id="cm-top-up-form" method="post" action="/embed/top-up" novalidate>
    <fieldset><legend>${h(T.kind)}</legend>
      <label class="cm-chip"><input type="radio" name="kind" value="prepaid" checked> ${h(T.prepaid)}</label>
      <label class="cm-chip"><input type="radio" name="kind" value="blank"> ${h(T.blank)}</label>
    </fieldset>
    <div class="cm-prepaid"><label class="cm-field">${h(T.number)}<input name="number" autocomplete="off" maxlength="64"></label></div>
    <div class="cm-blank" hidden>
      <label class="cm-field">${h(T.serial)}<input name="serial" inputmode="numeric" autocomplete="off" maxlength="18"></label>
      <label class="cm-field">${h(T.pin)}<input name="pin" inputmode="numeric" autocomplete="off" maxlength="16"></label>
    </div>
    <label class="cm-field">${h(T.amount)}<input name="amount" type="number" inputmode="decimal" min="1" step="0.01" required></label>
    <label class="cm-field">${h(T.email)}<input name="email" type="email" required autocomplete="email" maxlength="254"></label>
    <button type="submit" class="cm-button">${h(T.submit)}</button>
    <p class="cm-status" role="status" aria-live="polite" id="cm-status"></p>
    <div id="cm-payment"></div>
  </form>
</main>`
  sendEmbedHtml(res, { title: T.title, lang: locale, script: "/embed/top-up/script", body, stripe: Boolean(stripeKey) })
}
