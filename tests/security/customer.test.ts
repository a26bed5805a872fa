/**
 * What a customer can reach through the store API, over HTTP against the real server:
 * orders on invoice and their returns, top-up carts moved to another currency or
 * tampered with, and checkouts whose settlement fails after the order was placed.
 */
import { randomUUID } from "crypto"

import { Client } from "pg"
import { beforeAll, describe, expect, inject, it } from "vitest"

import { adminApi, api } from "../support/api"
import { signUp } from "../support/customers"
import type { SignedInCustomer } from "../support/customers"
import { emitAgain } from "../support/events"
import { eventually } from "../support/eventually"
import { waitForMail } from "../support/mail"
import { createTerminal, posApi } from "../support/pos"
import { demoShop } from "../support/shop"

describe("customer: orders on invoice and returns", () => {
  type Order = { id: string; display_id: number; total: number; gift_card_total: number; items: { id: string; total: number; quantity: number }[] }
  type CreditNote = { id: string; number: string; kind: string; refund_id: string | null; total: number; tax_groups: { tax_rate: number; net: number; tax: number; gross: number }[] | null }
  type InvoiceDetail = {
    id: string
    number: string
    status: string
    total: number
    paid_total: number
    credited_total: number
    open_amount: number
    credit_note: CreditNote | null
    credit_notes: CreditNote[]
  }

  let regionId: string
  let variantId: string
  let voucherTill: string

  beforeAll(async () => {
    // The merchant offers "on invoice" in the demo region (other suites keep paying with "manual").
    const regions = await adminApi("/admin/regions")
    const region = regions.body.regions.find((r: { currency_code: string; countries: { iso_2: string }[] }) => r.currency_code === "eur" && r.countries.some((c) => c.iso_2 === "de"))
    regionId = region.id
    if (!region.payment_providers.some((p: { id: string }) => p.id === "invoice")) {
      const added = await adminApi(`/admin/regions/${regionId}/payment-providers`, { body: { provider_id: "invoice" } })
      expect(added.status, added.text).toBe(200)
    }
    variantId = (await api("/store/products?handle=tagesmenue")).body.products[0].variants[0].id
    voucherTill = (await createTerminal({ scopes: ["gift_card"] })).key
  })

  /** A cart of `quantity` daily menus with address and shipping, ready for its payment session. */
  async function cart(quantity: number, shopper?: SignedInCustomer): Promise<{ id: string; total: number }> {
    const token = shopper?.token
    const created = await api("/store/carts", { body: { region_id: regionId }, token })
    expect(created.status, created.text).toBe(200)
    const id = created.body.cart.id
    expect((await api(`/store/carts/${id}/line-items`, { body: { variant_id: variantId, quantity }, token })).status).toBe(200)
    const address = { first_name: "Ada", last_name: "Lovelace", address_1: "Ring 1", city: "Berlin", postal_code: "10115", country_code: "de" }
    const email = shopper ? undefined : `guest-${randomUUID().slice(0, 8)}@example.com`
    expect((await api(`/store/carts/${id}`, { body: { email, shipping_address: address, billing_address: address }, token })).status).toBe(200)
    const options = await api(`/store/shipping-options/${id}`)
    const shipped = await api(`/store/carts/${id}/shipping-methods`, { body: { option_id: options.body.shipping_options[0].id }, token })
    expect(shipped.status, shipped.text).toBe(200)
    return { id, total: shipped.body.cart.total }
  }

  const choose = async (cartId: string, providerId: string, shopper?: SignedInCustomer) => {
    expect((await api(`/store/carts/${cartId}/payment-sessions`, { method: "POST", token: shopper?.token })).status).toBe(200)
    return api(`/store/carts/${cartId}/payment-session`, { body: { provider_id: providerId }, token: shopper?.token })
  }

  const complete = async (cartId: string, shopper?: SignedInCustomer): Promise<Order> => {
    const done = await api(`/store/carts/${cartId}/complete`, { method: "POST", token: shopper?.token })
    expect(done.status, done.text).toBe(200)
    expect(done.body.type).toBe("order")
    return done.body.data
  }

  const approve = async (customerId: string, limit: number, approved = true) => {
    const res = await adminApi(`/admin/debtor-customers/${customerId}`, { body: { invoice_approved: approved, invoice_limit: limit } })
    expect(res.status, res.text).toBe(200)
    expect(res.body.settings).toEqual(expect.objectContaining({ invoice_approved: approved, invoice_limit: limit }))
  }

  /** A web order paid on invoice by an approved customer, and its invoice once written. */
  async function orderOnInvoice(shopper: SignedInCustomer, quantity = 2): Promise<{ order: Order; invoice: InvoiceDetail }> {
    const c = await cart(quantity, shopper)
    const chosen = await choose(c.id, "invoice", shopper)
    expect(chosen.status, chosen.text).toBe(200)
    const order = await complete(c.id, shopper)
    const invoice = await eventually(() => invoiceOf(order.id, shopper), (i) => i !== null)
    return { order, invoice: invoice! }
  }

  async function invoiceOf(orderId: string, shopper: SignedInCustomer): Promise<InvoiceDetail | null> {
    const list = await adminApi(`/admin/debtor-invoices?customer_id=${shopper.id}&limit=50`)
    expect(list.status, list.text).toBe(200)
    const found = (list.body.invoices as { id: string; order_id?: string }[]).map((i) => i.id)
    for (const id of found) {
      const detail = await adminApi(`/admin/debtor-invoices/${id}`)
      if (detail.body.invoice.order_id === orderId) {
        return detail.body.invoice
      }
    }
    return null
  }

  const detail = async (id: string): Promise<InvoiceDetail> => (await adminApi(`/admin/debtor-invoices/${id}`)).body.invoice

  const points = async (shopper: SignedInCustomer): Promise<number> => {
    const res = await api("/store/loyalty/me", { token: shopper.token })
    expect(res.status, res.text).toBe(200)
    return res.body.points
  }

  describe("on invoice only for approved customers, within their limit", () => {
    it("refuses the invoice session to a guest and to a customer the merchant has not approved", async () => {
      const guestCart = await cart(1)
      const guest = await choose(guestCart.id, "invoice")
      expect(guest.status, guest.text).toBe(400)
      expect(guest.body.code).toBe("invoice_sign_in_required")

      const shopper = await signUp({ first_name: "Nora", last_name: "Notapproved" })
      const c = await cart(1, shopper)
      const refused = await choose(c.id, "invoice", shopper)
      expect(refused.status, refused.text).toBe(400)
      expect(refused.body.code).toBe("invoice_not_approved")
      // The merchant revokes an approval: refused again.
      await approve(shopper.id, 100_000)
      await approve(shopper.id, 100_000, false)
      expect((await choose((await cart(1, shopper)).id, "invoice", shopper)).body.code).toBe("invoice_not_approved")
      // Another payment method still works on the same cart.
      expect((await choose(c.id, "manual", shopper)).status).toBe(200)
      await complete(c.id, shopper)
    })

    it("refuses an order above the limit, counting the invoices still open", async () => {
      const shopper = await signUp({ first_name: "Lena", last_name: "Limit" })
      const probe = await cart(2, shopper)
      await approve(shopper.id, probe.total - 1)
      const over = await choose(probe.id, "invoice", shopper)
      expect(over.status, over.text).toBe(400)
      expect(over.body.code).toBe("invoice_limit_exceeded")

      // Exactly the order's total is allowed; the first order then fills the limit.
      await approve(shopper.id, probe.total)
      const first = await orderOnInvoice(shopper, 2)
      expect(first.invoice.total).toBe(probe.total)
      const second = await cart(1, shopper)
      expect((await choose(second.id, "invoice", shopper)).body.code).toBe("invoice_limit_exceeded")

      // A session chosen while the limit allowed it is checked again when the cart completes.
      await approve(shopper.id, probe.total + second.total)
      expect((await choose(second.id, "invoice", shopper)).status).toBe(200)
      await approve(shopper.id, probe.total)
      const late = await api(`/store/carts/${second.id}/complete`, { method: "POST", token: shopper.token })
      expect(late.body.type).not.toBe("order")
      expect(JSON.stringify(late.body)).toContain("exceed")

      // Paying the first invoice frees the limit again.
      const paid = await adminApi(`/admin/debtor-invoices/${first.invoice.id}/payments`, { body: { amount: first.invoice.total, method: "bank_transfer" }, headers: { "idempotency-key": randomUUID() } })
      expect(paid.status, paid.text).toBe(201)
      const third = await cart(1, shopper)
      expect((await choose(third.id, "invoice", shopper)).status).toBe(200)
      await complete(third.id, shopper)
    })

    it("lets only one of three carts completing at once through when the limit covers one", async () => {
      const shopper = await signUp({ first_name: "Rene", last_name: "Race" })
      const carts = [await cart(2, shopper), await cart(2, shopper), await cart(2, shopper)]
      await approve(shopper.id, carts[0].total)
      for (const c of carts) {
        expect((await choose(c.id, "invoice", shopper)).status).toBe(200)
      }
      const done = await Promise.all(carts.map((c) => api(`/store/carts/${c.id}/complete`, { method: "POST", token: shopper.token })))
      const orders = done.filter((d) => d.status === 200 && d.body.type === "order")
      expect(orders).toHaveLength(1)
      await eventually(() => invoiceOf(orders[0].body.data.id, shopper), (i) => i !== null)
      const list = await adminApi(`/admin/debtor-invoices?customer_id=${shopper.id}`)
      expect(list.body.totals).toEqual([expect.objectContaining({ currency_code: "eur", count: 1, open: carts[0].total })])
    })

    it("refuses session data written by the client (it could claim the payment authorized)", async () => {
      const shopper = await signUp({ first_name: "Sam", last_name: "Session" })
      await approve(shopper.id, 1_000_000)
      const c = await cart(1, shopper)
      expect((await choose(c.id, "invoice", shopper)).status).toBe(200)
      const forged = await api(`/store/carts/${c.id}/payment-sessions/invoice`, { body: { data: { status: "authorized" } }, token: shopper.token })
      expect(forged.status).toBe(400)
    })
  })

  describe("cancelling an order on invoice", () => {
    it("cancels its invoice with a credit note, so no reminder follows", async () => {
      const shopper = await signUp({ first_name: "Carl", last_name: "Cancel" })
      await approve(shopper.id, 1_000_000)
      const { order, invoice } = await orderOnInvoice(shopper)
      expect(invoice.status).toBe("open")

      const cancelled = await adminApi(`/admin/orders/${order.id}/cancel`, { method: "POST" })
      expect(cancelled.status, cancelled.text).toBe(200)
      const after = await eventually(() => detail(invoice.id), (i) => i.status !== "open")
      expect(after).toEqual(expect.objectContaining({ status: "cancelled", open_amount: 0 }))
      expect(after.credit_note).toEqual(expect.objectContaining({ kind: "cancellation", total: invoice.total }))
      // Reminders go only to open invoices; the debtor list no longer has it as open or overdue.
      const open = await adminApi(`/admin/debtor-invoices?status=open&q=${encodeURIComponent(invoice.number)}`)
      expect(open.body.invoices).toEqual([])

      // The event again changes nothing: still one credit note.
      await emitAgain("order.canceled", { id: order.id }, 2)
      expect((await detail(invoice.id)).credit_notes).toHaveLength(1)
    })
  })

  describe("loyalty points of an order on invoice", () => {
    it("are pending until the invoice is paid, and earned once then", async () => {
      const shopper = await signUp({ first_name: "Paula", last_name: "Points" })
      await eventually(async () => (await api("/store/loyalty/me", { token: shopper.token })).body.cards?.length ?? 0, (n) => n > 0)
      await approve(shopper.id, 1_000_000)
      const { order, invoice } = await orderOnInvoice(shopper, 2)
      const invoicePoints = Math.floor(order.items.reduce((s, i) => s + i.total, 0) / 100)
      expect(invoicePoints).toBeGreaterThan(0)

      // A later order paid otherwise: once its points are there, the event bus (one worker,
      // in order) has handled the first order's `order.placed` too, which earned nothing.
      const c = await cart(1, shopper)
      expect((await choose(c.id, "manual", shopper)).status).toBe(200)
      const manual = await complete(c.id, shopper)
      const manualPoints = Math.floor(manual.items.reduce((s, i) => s + i.total, 0) / 100)
      expect(await eventually(() => points(shopper), (p) => p > 0)).toBe(manualPoints)

      // Paid in two parts: the points come with the last one, once.
      const part = await adminApi(`/admin/debtor-invoices/${invoice.id}/payments`, { body: { amount: 100, method: "bank_transfer" }, headers: { "idempotency-key": randomUUID() } })
      expect(part.status, part.text).toBe(201)
      const rest = await adminApi(`/admin/debtor-invoices/${invoice.id}/payments`, { body: { amount: invoice.total - 100, method: "bank_transfer" }, headers: { "idempotency-key": randomUUID() } })
      expect(rest.body.invoice.status).toBe("paid")
      expect(await eventually(() => points(shopper), (p) => p > manualPoints)).toBe(manualPoints + invoicePoints)
      await emitAgain("debtor_invoice.paid", { id: invoice.id, order_id: order.id }, 2)
      // A marker after the repeats: another order's points arrive, and nothing else changed.
      const marker = await cart(1, shopper)
      expect((await choose(marker.id, "manual", shopper)).status).toBe(200)
      const markerOrder = await complete(marker.id, shopper)
      const markerPoints = Math.floor(markerOrder.items.reduce((s, i) => s + i.total, 0) / 100)
      expect(await eventually(() => points(shopper), (p) => p > manualPoints + invoicePoints)).toBe(manualPoints + invoicePoints + markerPoints)
    })
  })

  describe("returns", () => {
    async function sellVoucher(amount: number): Promise<{ id: string; code: string }> {
      const res = await posApi("/store/pos/gift-cards", { key: voucherTill, body: { amount, currency_code: "eur" } })
      expect(res.status, res.text).toBe(201)
      return res.body.gift_card
    }

    const voucherBalance = async (id: string): Promise<number> => {
      const res = await adminApi(`/admin/vouchers/${id}?limit=200`)
      expect(res.status, res.text).toBe(200)
      return res.body.gift_card.balance
    }

    /** As in the admin: a return of one item, requested, then received (with Medusa's own refund amount). */
    async function returnOne(orderId: string, itemId: string): Promise<{ id: string; refund_amount: number }> {
      const requested = await adminApi(`/admin/orders/${orderId}/return`, { body: { items: [{ item_id: itemId, quantity: 1 }] } })
      expect(requested.status, requested.text).toBe(200)
      const open = (requested.body.order.returns as { id: string; status: string }[]).find((r) => r.status === "requested")!
      const received = await adminApi(`/admin/returns/${open.id}/receive`, { body: { items: [{ item_id: itemId, quantity: 1 }] } })
      expect(received.status, received.text).toBe(200)
      const ret = (received.body.return ?? (received.body.order.returns as { id: string }[]).find((r) => r.id === open.id)) as { id: string; refund_amount: number }
      expect(ret.refund_amount).toBeGreaterThan(0)
      return ret
    }

    it("put goods paid by voucher back onto the voucher, once however often the event arrives", async () => {
      const c = await cart(2)
      const v = await sellVoucher(c.total)
      const applied = await api(`/store/carts/${c.id}/vouchers`, { body: { code: v.code } })
      expect(applied.status, applied.text).toBe(200)
      expect(applied.body.cart.total).toBe(0)
      const order = await complete(c.id)
      expect(await voucherBalance(v.id)).toBe(0)

      const ret = await returnOne(order.id, order.items[0].id)
      await expect.poll(() => voucherBalance(v.id), { timeout: 20_000 }).toBe(ret.refund_amount)

      // Delivered again, while the merchant also refunds the rest by hand at the same moment:
      // the return is put back once, and never more than the voucher paid.
      const [, manual] = await Promise.all([
        emitAgain("order.return_action_required", { id: order.id, return_id: ret.id }, 3),
        adminApi(`/admin/vouchers/orders/${order.id}/refund`, { body: { amount: c.total - ret.refund_amount, reference: "the rest" }, headers: { "idempotency-key": randomUUID() } }),
      ])
      expect(manual.status, manual.text).toBe(200)
      await emitAgain("order.return_action_required", { id: order.id, return_id: ret.id }, 2)
      expect(await voucherBalance(v.id)).toBe(c.total)
      const tx = (await adminApi(`/admin/vouchers/${v.id}?limit=200`)).body.transactions as { type: string; amount: number }[]
      expect(tx.filter((t) => t.type === "adjust").map((t) => t.amount).sort((a, b) => a - b)).toEqual([ret.refund_amount, c.total - ret.refund_amount].sort((a, b) => a - b))
    })

    it("credit goods returned from an order on invoice against its invoice, once, with the tax split", async () => {
      const shopper = await signUp({ first_name: "Rita", last_name: "Return" })
      await approve(shopper.id, 1_000_000)
      const { order, invoice } = await orderOnInvoice(shopper, 2)
      expect((await adminApi(`/admin/orders/${order.id}/capture`, { method: "POST" })).status).toBe(200)

      const ret = await returnOne(order.id, order.items[0].id)
      const credited = await eventually(() => detail(invoice.id), (i) => i.credited_total > 0)
      expect(credited).toEqual(expect.objectContaining({ status: "open", credited_total: ret.refund_amount, open_amount: invoice.total - ret.refund_amount }))
      const [note] = credited.credit_notes
      expect(note).toEqual(expect.objectContaining({ kind: "refund", total: ret.refund_amount }))
      // The credit note carries its own tax split, exact to the cent.
      expect(note.tax_groups!.reduce((s, g) => s + g.gross, 0)).toBe(ret.refund_amount)
      for (const g of note.tax_groups!) {
        expect(g.net + g.tax).toBe(g.gross)
      }
      // The customer gets the credit note by mail, with its PDF.
      const mail = await waitForMail((m) => m.envelopeTo.includes(shopper.email) && m.subject.includes(note.number))
      expect(mail.attachments.map((f) => f.filename)).toEqual([`${note.number}.pdf`])

      // The events again, and the recovery route five times at once: still one credit note.
      const [, ...recovered] = await Promise.all([
        emitAgain("order.items_returned", { id: order.id, return_id: ret.id }, 3),
        ...Array.from({ length: 5 }, () => adminApi(`/admin/debtor-invoices/orders/${order.id}/credit-refunds`, { body: {} })),
      ])
      for (const r of recovered) {
        expect(r.status, r.text).toBe(200)
        expect(r.body.credit_notes).toEqual([])
      }
      await emitAgain("order.items_returned", { id: order.id, return_id: ret.id }, 2)
      const after = await detail(invoice.id)
      expect(after.credit_notes).toHaveLength(1)
      expect(after.open_amount).toBe(invoice.total - ret.refund_amount)

      // The customer pays what is left: the invoice is settled.
      const paid = await adminApi(`/admin/debtor-invoices/${invoice.id}/payments`, { body: { amount: after.open_amount, method: "bank_transfer" }, headers: { "idempotency-key": randomUUID() } })
      expect(paid.status, paid.text).toBe(201)
      expect(paid.body.invoice).toEqual(expect.objectContaining({ status: "paid", open_amount: 0 }))
    })

    it("credit a refund claim and an admin refund of an order on invoice too, each once", async () => {
      const shopper = await signUp({ first_name: "Clara", last_name: "Claim" })
      await approve(shopper.id, 1_000_000)
      const { order, invoice } = await orderOnInvoice(shopper, 2)
      expect((await adminApi(`/admin/orders/${order.id}/capture`, { method: "POST" })).status).toBe(200)
      // A claim is about goods the customer received.
      const shipped = await adminApi(`/admin/orders/${order.id}/fulfillment`, { body: { items: order.items.map((i) => ({ item_id: i.id, quantity: i.quantity })) } })
      expect(shipped.status, shipped.text).toBe(200)

      const claimed = await adminApi(`/admin/orders/${order.id}/claims`, {
        // The merchant states what the claim refunds (Medusa's own estimate comes out 0 here).
        body: { type: "refund", refund_amount: 1000, claim_items: [{ item_id: order.items[0].id, quantity: 1, reason: "production_failure" }] },
      })
      expect(claimed.status, claimed.text).toBe(200)
      const claim = (claimed.body.order.claims as { id: string; refund_amount: number }[])[0]
      expect(claim.refund_amount).toBe(1000)
      await eventually(() => detail(invoice.id), (i) => i.credit_notes.length === 1)

      const refunded = await adminApi(`/admin/orders/${order.id}/refund`, { body: { amount: 100, reason: "other" } })
      expect(refunded.status, refunded.text).toBe(200)
      await eventually(() => detail(invoice.id), (i) => i.credit_notes.length === 2)
      await emitAgain("claim.refund_processed", { id: claim.id }, 2)
      await emitAgain("order.refund_created", { id: order.id }, 2)

      const after = await detail(invoice.id)
      expect(after.credit_notes.map((n) => n.total)).toEqual([claim.refund_amount, 100])
      expect(after).toEqual(expect.objectContaining({ credited_total: claim.refund_amount + 100, open_amount: invoice.total - claim.refund_amount - 100 }))
    })

    it("refuses bad input on the recovery route with 400", async () => {
      const bad = await adminApi(`/admin/debtor-invoices/orders/order_unknown/credit-refunds`, { body: { amount: 5 } })
      expect(bad.status).toBe(400)
      expect(bad.body.type).toBe("invalid_request")
      const unknown = await adminApi(`/admin/debtor-invoices/orders/order_unknown/credit-refunds`, { body: {} })
      expect(unknown.status).toBe(200)
      expect(unknown.body.credit_notes).toEqual([])
    })
  })
})

describe("customer: top-up carts", () => {
  let till: string
  /** A region selling in another currency than the cards' (EUR). */
  let foreignRegionId: string

  beforeAll(async () => {
    till = (await createTerminal({ scopes: ["prepaid_charge", "prepaid_topup"] })).key
    foreignRegionId = await regionInAnotherCurrency()
  })

  /** A customer's own EUR card and a top-up cart of `amount` for it, with the manual payment chosen when `pay`. */
  async function topUpCart(amount: number): Promise<{ customer: SignedInCustomer; cardId: string; cartId: string }> {
    const customer = await signUp()
    const issued = await posApi("/store/pos/prepaid-cards", { key: till, body: { currency_code: "EUR", customer_id: customer.id } })
    expect(issued.status, issued.text).toBe(201)
    const cart = await api(`/store/prepaid-cards/${issued.body.prepaid_card.id}/top-up-cart`, { token: customer.token, body: { amount } })
    expect(cart.status, cart.text).toBe(201)
    return { customer, cardId: issued.body.prepaid_card.id, cartId: cart.body.cart_id }
  }

  async function payManually(cartId: string, token: string): Promise<{ total: number; currency_code: string }> {
    const sessions = await api(`/store/carts/${cartId}/payment-sessions`, { token, method: "POST" })
    expect(sessions.status, sessions.text).toBe(200)
    const chosen = await api(`/store/carts/${cartId}/payment-session`, { token, body: { provider_id: "manual" } })
    expect(chosen.status, chosen.text).toBe(200)
    return { total: chosen.body.cart.total, currency_code: chosen.body.cart.region.currency_code }
  }

  async function balanceOf(cardId: string): Promise<number> {
    const res = await adminApi(`/admin/prepaid-cards/${cardId}`)
    expect(res.status, res.text).toBe(200)
    return res.body.prepaid_card.balance
  }

  it("refuses to complete a top-up cart moved to a region of another currency, and credits nothing", async () => {
    const { customer, cardId, cartId } = await topUpCart(2500)
    const moved = await api(`/store/carts/${cartId}`, { token: customer.token, body: { region_id: foreignRegionId } })
    expect(moved.status, moved.text).toBe(200)
    // What the customer would pay: the same number, in the other currency.
    const payment = await payManually(cartId, customer.token)
    expect(payment.currency_code).not.toBe("eur")
    expect(payment.total).toBe(2500)

    const completed = await api(`/store/carts/${cartId}/complete`, { token: customer.token, method: "POST" })
    expect(completed.status, completed.text).toBe(422)
    expect(completed.body.type).toBe("top_up_changed")
    // No order, so nothing to capture: the customer is never charged.
    const cart = await api(`/store/carts/${cartId}`, { token: customer.token })
    expect(cart.body.cart.completed_at).toBeNull()
    expect(cart.body.cart.payment_authorized_at).toBeNull()
    expect(await balanceOf(cardId)).toBe(0)
  })

  it("refuses to complete a top-up cart whose line no longer carries the amount it was made for", async () => {
    const { customer, cardId, cartId } = await topUpCart(1000)
    const cart = await api(`/store/carts/${cartId}`, { token: customer.token })
    const line = cart.body.cart.items[0]
    // The store API cannot change a line without a product (Medusa fails on it and writes nothing)…
    const changed = await api(`/store/carts/${cartId}/line-items/${line.id}`, {
      token: customer.token,
      body: { quantity: 7, metadata: { prepaid_card_id: "pcard_other" } },
    })
    expect(changed.status).not.toBe(200)
    expect(await sql(`SELECT quantity, metadata FROM line_item WHERE id = $1`, [line.id])).toEqual([
      { quantity: 1, metadata: { prepaid_card_id: cardId } },
    ])
    // …so whatever changed it (a bug, a hand edit), completion checks against what was fixed.
    await sql(`UPDATE line_item SET quantity = 7 WHERE id = $1`, [line.id])
    expect((await payManually(cartId, customer.token)).total).toBe(7000)

    const completed = await api(`/store/carts/${cartId}/complete`, { token: customer.token, method: "POST" })
    expect(completed.status, completed.text).toBe(422)
    expect(completed.body.type).toBe("top_up_changed")
    expect(await balanceOf(cardId)).toBe(0)
  })

  it("credits the card the cart was made for, once its payment is captured", async () => {
    const { customer, cardId, cartId } = await topUpCart(1500)
    await payManually(cartId, customer.token)
    const completed = await api(`/store/carts/${cartId}/complete`, { token: customer.token, method: "POST" })
    expect(completed.status, completed.text).toBe(200)
    const captured = await adminApi(`/admin/orders/${completed.body.data.id}/capture`, { method: "POST" })
    expect(captured.status, captured.text).toBe(200)
    await expect.poll(() => balanceOf(cardId), { timeout: 20_000, interval: 200 }).toBe(1500)
  })

  it("refuses to credit an order whose top-up line no longer carries the amount fixed at the cart's creation", async () => {
    const { customer, cardId, cartId } = await topUpCart(800)
    await payManually(cartId, customer.token)
    const completed = await api(`/store/carts/${cartId}/complete`, { token: customer.token, method: "POST" })
    expect(completed.status, completed.text).toBe(200)
    const orderId: string = completed.body.data.id
    // Whatever changed the order afterwards (a bug, a hand edit): the crediting checks again.
    await sql(`UPDATE line_item SET quantity = 3 WHERE order_id = $1`, [orderId])

    const captured = await adminApi(`/admin/orders/${orderId}/capture`, { method: "POST" })
    expect(captured.status, captured.text).toBe(200)
    // The recovery route runs the same crediting as the capture's subscriber.
    const credit = await adminApi(`/admin/prepaid-cards/top-ups/${orderId}`, { method: "POST" })
    expect(credit.status, credit.text).toBe(422)
    expect(credit.body.type).toBe("top_up_changed")
    expect(await balanceOf(cardId)).toBe(0)
  })
})

describe("customer: checkout settlement after the order is placed", () => {
  let till: string
  let regionId: string
  let variantId: string

  beforeAll(async () => {
    till = (await createTerminal({ scopes: ["gift_card"] })).key
    const shop = await demoShop()
    regionId = shop.regionId
    variantId = shop.variantId
  })

  /** A cart of two daily menus, paid with a voucher of `amount` and the rest manually; with the voucher and its ledger account. */
  async function voucherCart(amount: number): Promise<{ cartId: string; voucherId: string; accountId: string; total: number }> {
    const sold = await posApi("/store/pos/gift-cards", { key: till, body: { amount, currency_code: "eur" } })
    expect(sold.status, sold.text).toBe(201)
    const created = await api("/store/carts", { body: { region_id: regionId } })
    const cartId: string = created.body.cart.id
    expect((await api(`/store/carts/${cartId}/line-items`, { body: { variant_id: variantId, quantity: 2 } })).status).toBe(200)
    const address = { first_name: "Ada", last_name: "Lovelace", address_1: "Hauptstr. 1", city: "Berlin", postal_code: "10115", country_code: "de" }
    expect((await api(`/store/carts/${cartId}`, { body: { email: "ada@example.com", shipping_address: address } })).status).toBe(200)
    const options = await api(`/store/shipping-options/${cartId}`)
    expect((await api(`/store/carts/${cartId}/shipping-methods`, { body: { option_id: options.body.shipping_options[0].id } })).status).toBe(200)
    const applied = await api(`/store/carts/${cartId}/vouchers`, { body: { code: sold.body.gift_card.code } })
    expect(applied.status, applied.text).toBe(200)
    expect((await api(`/store/carts/${cartId}/payment-sessions`, { method: "POST" })).status).toBe(200)
    expect((await api(`/store/carts/${cartId}/payment-session`, { body: { provider_id: "manual" } })).status).toBe(200)
    const [card] = await sql(`SELECT account_id FROM card WHERE id = $1`, [sold.body.gift_card.id])
    return { cartId, voucherId: sold.body.gift_card.id, accountId: String(card.account_id), total: applied.body.cart.total }
  }

  async function voucher(id: string): Promise<{ balance: number; redeems: { amount: number; reference: string | null }[] }> {
    const res = await adminApi(`/admin/vouchers/${id}?limit=200`)
    expect(res.status, res.text).toBe(200)
    return { balance: res.body.gift_card.balance, redeems: res.body.transactions.filter((t: { type: string }) => t.type === "redeem") }
  }

  /**
   * Makes every debit of this voucher's account fail inside the database (a
   * trigger), as any failure between Medusa's commit of the order and the
   * settlement would; `release` lifts it.
   */
  async function refuseDebits(accountId: string): Promise<{ release: () => Promise<void> }> {
    const name = `test_refuse_${accountId.replace(/[^a-zA-Z0-9]/g, "").toLowerCase()}`
    await sql(`CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'test: debits refused'; END $$`)
    await sql(
      `CREATE TRIGGER ${name} BEFORE INSERT ON ledger_transaction FOR EACH ROW
       WHEN (NEW.account_id = '${accountId}' AND NEW.type = 'redeem') EXECUTE FUNCTION ${name}()`
    )
    return {
      release: async () => {
        await sql(`DROP TRIGGER IF EXISTS ${name} ON ledger_transaction`)
        await sql(`DROP FUNCTION IF EXISTS ${name}()`)
      },
    }
  }

  async function failedSettlement(orderId: string): Promise<{ id: string; queue: string; key: string; attempts: number } | undefined> {
    const res = await adminApi("/admin/jobs/failed")
    expect(res.status, res.text).toBe(200)
    return res.body.jobs.find((j: { queue: string; key: string }) => j.queue === "settlement" && j.key === orderId)
  }

  it("gives the customer the order when settling fails, reports it to the merchant, and the repair takes the voucher once", async () => {
    const c = await voucherCart(500)
    const refusal = await refuseDebits(c.accountId)
    try {
      const completed = await api(`/store/carts/${c.cartId}/complete`, { method: "POST" })
      expect(completed.status, completed.text).toBe(200)
      expect(completed.body.type).toBe("order")
      expect(completed.body.data.gift_card_total).toBe(500)
      const orderId: string = completed.body.data.id
      // A retry of the completion answers the same order, also while settling still fails.
      const retry = await api(`/store/carts/${c.cartId}/complete`, { method: "POST" })
      expect(retry.status, retry.text).toBe(200)
      expect(retry.body.data.id).toBe(orderId)
      expect((await voucher(c.voucherId)).balance).toBe(500)

      // The repair job retries, then stands in the merchant's failed list.
      await expect.poll(() => failedSettlement(orderId), { timeout: 30_000, interval: 300 }).toEqual(
        expect.objectContaining({ queue: "settlement", key: orderId, attempts: 5 })
      )
      await refusal.release()
      const failed = (await failedSettlement(orderId))!
      const retried = await adminApi(`/admin/jobs/failed/${failed.id}/retry`, { method: "POST" })
      expect(retried.status, retried.text).toBe(200)
      await expect.poll(async () => (await voucher(c.voucherId)).balance, { timeout: 20_000, interval: 200 }).toBe(0)
      const after = await voucher(c.voucherId)
      expect(after.redeems).toEqual([expect.objectContaining({ amount: -500, reference: `web order #${completed.body.data.display_id}` })])
      expect(await failedSettlement(orderId)).toBeUndefined()
    } finally {
      await refusal.release()
    }
  }, 90_000)

  it("finds an unsettled order in the periodic reconciliation and settles it once", async () => {
    const c = await voucherCart(300)
    const refusal = await refuseDebits(c.accountId)
    try {
      const completed = await api(`/store/carts/${c.cartId}/complete`, { method: "POST" })
      expect(completed.status, completed.text).toBe(200)
      const orderId: string = completed.body.data.id
      const later = new Date(Date.now() + 5 * 60_000).toISOString()
      // Still failing: reported, nothing taken.
      const stillFailing = await adminApi("/admin/jobs/schedules/ledger.checkout-settlements/run", { body: { now: later } })
      expect(stillFailing.status, stillFailing.text).toBe(200)
      expect(stillFailing.body.run.result.failed).toContain(orderId)
      expect((await voucher(c.voucherId)).balance).toBe(300)
      // Let the repair job use up its attempts first (all 5: a job between retries is listed too): then only the reconciliation can settle it.
      await expect.poll(() => failedSettlement(orderId), { timeout: 30_000, interval: 300 }).toEqual(expect.objectContaining({ attempts: 5 }))

      await refusal.release()
      const repaired = await adminApi("/admin/jobs/schedules/ledger.checkout-settlements/run", { body: { now: later } })
      expect(repaired.status, repaired.text).toBe(200)
      expect(repaired.body.run.result.repaired).toContain(orderId)
      expect(await voucher(c.voucherId)).toEqual({ balance: 0, redeems: [expect.objectContaining({ amount: -300 })] })
      // Settled: the next run finds nothing more for it, and takes nothing more.
      const again = await adminApi("/admin/jobs/schedules/ledger.checkout-settlements/run", { body: { now: later } })
      expect(again.body.run.result.repaired).not.toContain(orderId)
      expect((await voucher(c.voucherId)).redeems).toHaveLength(1)
    } finally {
      await refusal.release()
    }
  }, 90_000)
})

describe("customer: reward points settled after the order is placed", () => {
  it("gives the customer the order when taking the reward's points fails, and the repair takes them once", async () => {
    const regions = await api("/store/regions")
    const regionId = regions.body.regions.find((r: { currency_code: string }) => r.currency_code === "eur").id
    const variantId = (await api("/store/products?handle=tagesmenue")).body.products[0].variants[0].id
    const shopper = await signUp({ first_name: "Rita", last_name: "Reward" })
    expect((await adminApi(`/admin/loyalty/customers/${shopper.id}/adjust`, { body: { points: 500, reason: "welcome" } })).status).toBe(200)
    const reward = await adminApi("/admin/loyalty/rewards", {
      body: { title: `Coffee ${Date.now()}`, points: 200, kind: "discount", discount_amount: 350, currency_code: "eur" },
    })
    expect(reward.status, reward.text).toBe(201)

    const created = await api("/store/carts", { body: { region_id: regionId }, token: shopper.token })
    const cartId: string = created.body.cart.id
    expect((await api(`/store/carts/${cartId}/line-items`, { body: { variant_id: variantId, quantity: 2 }, token: shopper.token })).status).toBe(200)
    const address = { first_name: "Rita", last_name: "Reward", address_1: "Hauptstr. 1", city: "Berlin", postal_code: "10115", country_code: "de" }
    expect((await api(`/store/carts/${cartId}`, { body: { shipping_address: address }, token: shopper.token })).status).toBe(200)
    const options = await api(`/store/shipping-options/${cartId}`)
    expect((await api(`/store/carts/${cartId}/shipping-methods`, { body: { option_id: options.body.shipping_options[0].id }, token: shopper.token })).status).toBe(200)
    const applied = await api(`/store/carts/${cartId}/loyalty-rewards`, { body: { reward_id: reward.body.reward.id }, token: shopper.token })
    expect(applied.status, applied.text).toBe(200)
    expect((await api(`/store/carts/${cartId}/payment-sessions`, { method: "POST", token: shopper.token })).status).toBe(200)
    expect((await api(`/store/carts/${cartId}/payment-session`, { body: { provider_id: "manual" }, token: shopper.token })).status).toBe(200)
    const [row] = await sql(`SELECT account_id FROM loyalty_cart_reward WHERE cart_id = $1`, [cartId])
    const accountId = String(row.account_id)
    const redeems = async () => (await sql(`SELECT amount FROM ledger_transaction WHERE account_id = $1 AND type = 'redeem'`, [accountId])).map((r) => Number(r.amount))

    const name = `test_refuse_${accountId.replace(/[^a-zA-Z0-9]/g, "").toLowerCase()}`
    await sql(`CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'test: debits refused'; END $$`)
    await sql(`CREATE TRIGGER ${name} BEFORE INSERT ON ledger_transaction FOR EACH ROW WHEN (NEW.account_id = '${accountId}' AND NEW.type = 'redeem') EXECUTE FUNCTION ${name}()`)
    try {
      const completed = await api(`/store/carts/${cartId}/complete`, { method: "POST", token: shopper.token })
      expect(completed.status, completed.text).toBe(200)
      expect(completed.body.type).toBe("order")
      const orderId: string = completed.body.data.id
      expect(await redeems()).toEqual([])
      // The order still earns its points (the order.placed subscriber does not stop at the failed settlement).
      await expect
        .poll(async () => (await sql(`SELECT 1 FROM ledger_transaction WHERE idempotency_key = $1`, [`loyalty:earn:order:${orderId}`])).length, {
          timeout: 20_000,
          interval: 200,
        })
        .toBe(1)

      const later = new Date(Date.now() + 5 * 60_000).toISOString()
      const stillFailing = await adminApi("/admin/jobs/schedules/ledger.checkout-settlements/run", { body: { now: later } })
      expect(stillFailing.body.run.result.failed).toContain(orderId)
      // The repair job uses up its attempts: only the reconciliation is left to settle it.
      await expect
        .poll(async () => (await adminApi("/admin/jobs/failed")).body.jobs.some((j: { queue: string; key: string }) => j.queue === "settlement" && j.key === orderId), {
          timeout: 30_000,
          interval: 300,
        })
        .toBe(true)

      await sql(`DROP TRIGGER IF EXISTS ${name} ON ledger_transaction`)
      const repaired = await adminApi("/admin/jobs/schedules/ledger.checkout-settlements/run", { body: { now: later } })
      expect(repaired.body.run.result.repaired).toContain(orderId)
      expect(await redeems()).toEqual([-200])
      const again = await adminApi("/admin/jobs/schedules/ledger.checkout-settlements/run", { body: { now: later } })
      expect(again.body.run.result.repaired).not.toContain(orderId)
      expect(await redeems()).toEqual([-200])
    } finally {
      await sql(`DROP TRIGGER IF EXISTS ${name} ON ledger_transaction`)
      await sql(`DROP FUNCTION IF EXISTS ${name}()`)
    }
  }, 90_000)
})

/** Runs one statement on the server's database. */
async function sql(text: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
  const client = new Client({ connectionString: inject("databaseUrl") })
  await client.connect()
  try {
    return (await client.query(text, params)).rows
  } finally {
    await client.end()
  }
}

/** A region in CHF with the manual payment provider (created once per database). */
async function regionInAnotherCurrency(): Promise<string> {
  const regions = await adminApi("/admin/regions?limit=100")
  expect(regions.status, regions.text).toBe(200)
  const existing = regions.body.regions.find((r: { currency_code: string }) => r.currency_code !== "eur")
  if (existing) {
    return existing.id
  }
  const currency = await adminApi("/admin/store/currencies/chf", { method: "POST" })
  expect(currency.status, currency.text).toBe(200)
  const created = await adminApi("/admin/regions", {
    body: { name: "Schweiz", currency_code: "chf", tax_rate: 0, payment_providers: ["manual"], fulfillment_providers: ["manual"], countries: ["ch"] },
  })
  expect(created.status, created.text).toBe(200)
  return created.body.region.id
}
