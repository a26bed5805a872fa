/**
 * Security findings about customers' orders, over HTTP against the real server.
 */
import { randomUUID } from "crypto"

import { beforeAll, describe, expect, it } from "vitest"

import { adminApi, api } from "../support/api"
import { signUp } from "../support/customers"
import type { SignedInCustomer } from "../support/customers"
import { emitAgain } from "../support/events"
import { eventually } from "../support/eventually"
import { waitForMail } from "../support/mail"
import { createTerminal, posApi } from "../support/pos"

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
      const paid = await adminApi(`/admin/debtor-invoices/${first.invoice.id}/payments`, { body: { amount: first.invoice.total, method: "bank_transfer" } })
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
      const part = await adminApi(`/admin/debtor-invoices/${invoice.id}/payments`, { body: { amount: 100, method: "bank_transfer" } })
      expect(part.status, part.text).toBe(201)
      const rest = await adminApi(`/admin/debtor-invoices/${invoice.id}/payments`, { body: { amount: invoice.total - 100, method: "bank_transfer" } })
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
        adminApi(`/admin/vouchers/orders/${order.id}/refund`, { body: { amount: c.total - ret.refund_amount, reference: "the rest" } }),
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
      const paid = await adminApi(`/admin/debtor-invoices/${invoice.id}/payments`, { body: { amount: after.open_amount, method: "bank_transfer" } })
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
