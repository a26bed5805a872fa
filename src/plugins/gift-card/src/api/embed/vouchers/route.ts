import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import { escapeHtml as h } from "@customer-modules/core"

import type HostedCheckoutService from "#services/hosted-checkout"
import type VoucherShopService from "#services/voucher-shop"
import { localeOf, sendEmbedHtml } from "#utils/embed"
import { paymentAttributes, SHOP_TEXTS } from "#utils/embed-texts"

function money(minor: number, currency: string, locale: string): string {
  return new Intl.NumberFormat(locale, { style: "currency", currency: currency.toUpperCase() }).format(minor / 100)
}

/**
 * GET /embed/vouchers?locale= : the voucher shop page, for an iframe on the
 * merchant's homepage or on its own. Mobile first, labelled form controls, a
 * live preview; its script (`/embed/vouchers/script`) creates the cart through
 * `/store/voucher-shop/carts` and pays it through Medusa's checkout.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const locale = localeOf(req.query.locale)
  const T = SHOP_TEXTS[locale]
  const shop = await req.scope
    .resolve<VoucherShopService>("voucherShopService")
    .publicShop(locale)
    .catch(() => null)
  if (!shop) {
    sendEmbedHtml(res, { status: 404, title: T.title, lang: locale, script: "/embed/vouchers/script", body: `<main class="cm-shop"><p>${h(T.closed)}</p></main>` })
    return
  }
  const s = shop as {
    currency_code: string
    free_amount: boolean
    min_amount: number
    max_amount: number
    preset_amounts: number[]
    postal: { enabled: boolean; fee: number }
    texts: { title: string | null; intro: string | null; terms: string | null }
    designs: { id: string; name: string; image: string }[]
    products: { id: string; title: string; amount: number }[]
  }
  const stripeKey = req.scope.resolve<HostedCheckoutService>("hostedCheckoutService").stripePublishableKey
  const cur = s.currency_code
  const presets = s.preset_amounts
    .map(
      (a, i) =>
        `<label class="cm-chip"><input type="radio" name="preset" value="${a}"${i === 0 ? " checked" : ""}> ${h(money(a, cur, locale))}</label>`
    )
    .join("")
  const free = s.free_amount
    ? `<label class="cm-field">${h(T.free_amount)} (${h(money(s.min_amount, cur, locale))} – ${h(money(s.max_amount, cur, locale))})
         <input type="number" name="free_amount" inputmode="decimal" min="${s.min_amount / 100}" max="${s.max_amount / 100}" step="0.01"></label>`
    : ""
  const products = s.products.length
    ? `<label class="cm-field">${h(T.product)}<select name="product_id"><option value="">${h(T.no_product)}</option>${s.products
        .map((p) => `<option value="${h(p.id)}" data-amount="${p.amount}">${h(p.title)} – ${h(money(p.amount, cur, locale))}</option>`)
        .join("")}</select></label>`
    : ""
  const designs = s.designs.length
    ? `<fieldset class="cm-designs"><legend>${h(T.design)}</legend>
        <label class="cm-design"><input type="radio" name="design_id" value="" checked><span>${h(T.no_design)}</span></label>
        ${s.designs
          .map((d) => `<label class="cm-design"><input type="radio" name="design_id" value="${h(d.id)}"><img src="${h(d.image)}" alt="${h(d.name)}"><span>${h(d.name)}</span></label>`)
          .join("")}</fieldset>`
    : ""
  const postal = s.postal.enabled
    ? `<fieldset><legend>${h(T.delivery)}</legend>
        <label class="cm-chip"><input type="radio" name="delivery" value="email" checked> ${h(T.by_email)}</label>
        <label class="cm-chip"><input type="radio" name="delivery" value="email_post"> ${h(T.by_post)} (+ ${h(money(s.postal.fee, cur, locale))})</label>
        <div class="cm-address" hidden>
          <label class="cm-field">${h(T.address_name)}<input name="address_name" autocomplete="name"></label>
          <label class="cm-field">${h(T.line1)}<input name="line1" autocomplete="address-line1"></label>
          <label class="cm-field">${h(T.line2)}<input name="line2" autocomplete="address-line2"></label>
          <label class="cm-field">${h(T.postal_code)}<input name="postal_code" autocomplete="postal-code"></label>
          <label class="cm-field">${h(T.city)}<input name="city" autocomplete="address-level2"></label>
          <label class="cm-field">${h(T.country)}<input name="country_code" maxlength="2" autocomplete="country" value="${locale === "pt" ? "PT" : "DE"}"></label>
        </div></fieldset>`
    : ""
  const body = `<main class="cm-shop" data-locale="${locale}" data-currency="${h(cur)}" data-postal-fee="${s.postal.enabled ? s.postal.fee : 0}"
      data-t-error="${h(T.error)}" data-t-thanks="${h(T.thanks)}" data-t-paying="${h(T.paying)}" data-t-balance="${h(T.balance_is)}" data-t-valid="${h(T.valid_until)}" ${paymentAttributes(locale, h, stripeKey)}>
  <h1>${h(s.texts.title ?? T.title)}</h1>
  ${s.texts.intro ? `<p class="cm-intro">${h(s.texts.intro)}</p>` : ""}
  <div class="cm-layout">
  <form class="cm-form" id="cm-voucher-form" method="post" action="/embed/vouchers" novalidate>
    <fieldset><legend>${h(T.amount)}</legend><div class="cm-chips">${presets}</div>${free}${products}</fieldset>
    ${designs}
    <label class="cm-field">${h(T.sender)}<input name="sender_name" required autocomplete="name" maxlength="120"></label>
    <label class="cm-field">${h(T.buyer_email)}<input name="email" type="email" required autocomplete="email" maxlength="254"></label>
    <label class="cm-field">${h(T.recipient_name)}<input name="recipient_name" required maxlength="120"></label>
    <label class="cm-field">${h(T.recipient_email)}<input name="recipient_email" type="email" required maxlength="254"></label>
    <label class="cm-field">${h(T.message)}<textarea name="message" maxlength="500" rows="3"></textarea></label>
    <label class="cm-field">${h(T.deliver_on)}<input name="deliver_on" type="date"></label>
    ${postal}
    ${s.texts.terms ? `<details class="cm-terms"><summary>${h(T.terms)}</summary><p>${h(s.texts.terms)}</p></details>` : ""}
    <p class="cm-total">${h(T.total)}: <output name="total" id="cm-total">–</output></p>
    <button type="submit" class="cm-button">${h(T.buy)}</button>
    <p class="cm-status" role="status" aria-live="polite" id="cm-status"></p>
    <div id="cm-payment"></div>
  </form>
  <aside class="cm-preview" aria-label="${h(T.preview)}">
    <div class="cm-card" id="cm-card">
      <p class="cm-card-title">${h(T.voucher)}</p>
      <p class="cm-card-amount" id="cm-preview-amount">–</p>
      <p class="cm-card-line">${h(T.for)}: <span id="cm-preview-recipient"></span></p>
      <p class="cm-card-line">${h(T.from)}: <span id="cm-preview-sender"></span></p>
      <p class="cm-card-message" id="cm-preview-message"></p>
    </div>
  </aside>
  </div>
  <section class="cm-balance" aria-labelledby="cm-balance-h">
    <h2 id="cm-balance-h">${h(T.balance)}</h2>
    <form id="cm-balance-form" method="post" action="/embed/vouchers" novalidate>
      <label class="cm-field">${h(T.code)}<input name="code" required autocomplete="off" maxlength="64"></label>
      <button type="submit" class="cm-button cm-secondary">${h(T.check)}</button>
      <p class="cm-status" role="status" aria-live="polite" id="cm-balance-status"></p>
    </form>
  </section>
</main>`
  sendEmbedHtml(res, { title: s.texts.title ?? T.title, lang: locale, script: "/embed/vouchers/script", body, stripe: Boolean(stripeKey) })
}
