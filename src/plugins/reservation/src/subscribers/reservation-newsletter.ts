import type { CustomerService, Logger, SubscriberArgs, SubscriberConfig } from "@medusajs/medusa"
import type { EntityManager } from "typeorm"

type Payload = { id: string; source?: string }

/** What this subscriber uses of the loyalty plugin's services (resolved from the container; no import, no SQL on its tables). */
type Loyalty = {
  withTransaction(m: EntityManager): Loyalty
  enrol(customerId: string): Promise<unknown>
}
type LoyaltyAnalysis = {
  withTransaction(m: EntityManager): LoyaltyAnalysis
  setConsent(customerId: string, consent: boolean): Promise<{ marketing_consent: boolean }>
}

/**
 * After commit: a guest who ticked the newsletter box joins the merchant's
 * marketing list by the loyalty plugin's rules: the Medusa customer of that
 * e-mail (found, else created as a guest customer) becomes a member and their
 * marketing consent is recorded (`setConsent`), so loyalty's unsubscribe link
 * and consent checks apply to every later mail. Done once per reservation
 * (`newsletter_customer_id`): a redelivered event never overrides an
 * unsubscribe given since. Without the loyalty plugin nothing happens (the
 * opt-in stays on the reservation with its consent text and time).
 */
export default async function addNewsletterGuest({ data, container }: SubscriberArgs<Payload>): Promise<void> {
  const scope = container as unknown as { hasRegistration?: (name: string) => boolean }
  if (scope.hasRegistration && (!scope.hasRegistration("loyaltyService") || !scope.hasRegistration("loyaltyAnalysisService"))) {
    return
  }
  const manager = container.resolve<EntityManager>("manager")
  const done = await manager.transaction(async (tx) => {
    const [r] = await tx.query(`SELECT id, name, email, email_norm, phone, newsletter, newsletter_customer_id FROM reservation WHERE id = $1 FOR UPDATE`, [data.id])
    if (!r || !r.newsletter || !r.email_norm || r.newsletter_customer_id) {
      return false
    }
    // Two bookings of one new guest at once make one customer.
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('reservation-newsletter:' || $1))`, [r.email_norm])
    const customers = container.resolve<CustomerService>("customerService").withTransaction(tx)
    const existing = await customers.listByEmail(r.email_norm).catch(() => [])
    let customer = existing.find((c) => c.has_account) ?? existing[0]
    if (!customer) {
      const [first, ...rest] = String(r.name).trim().split(/\s+/)
      customer = await customers.create({ email: r.email_norm, first_name: first, last_name: rest.join(" ") || undefined, phone: r.phone ?? undefined })
    }
    await container.resolve<Loyalty>("loyaltyService").withTransaction(tx).enrol(customer.id)
    await container.resolve<LoyaltyAnalysis>("loyaltyAnalysisService").withTransaction(tx).setConsent(customer.id, true)
    await tx.query(`UPDATE reservation SET newsletter_customer_id = $2, updated_at = now() WHERE id = $1`, [data.id, customer.id])
    return true
  })
  if (done) {
    container.resolve<Logger>("logger").info(`reservation ${data.id}: newsletter opt-in recorded`)
  }
}

export const config: SubscriberConfig = {
  event: "reservation.created",
  context: { subscriberId: "reservation-newsletter" },
}
