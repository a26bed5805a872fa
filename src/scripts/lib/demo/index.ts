/**
 * The module demo: on top of the base seed (region, customers, products,
 * locations), terminals and staff, then every module's demo data through the
 * plugins' services, dated relative to today; then the recorded past instants
 * are written (see `Backdater`). Run once, at the first seed. Returns the lines
 * to print, the terminal keys and a ready curl line among them.
 */
import type { AwilixContainer } from "awilix"
import type { EntityManager } from "typeorm"

import { seedCmsDemo } from "./cms"
import { Backdater, DemoClock, type DemoContext, type DemoCustomer } from "./context"
import { seedDebtorDemo } from "./debtor"
import { seedEventDemo } from "./event"
import { seedFeedbackDemo } from "./feedback"
import { seedGiftCardDemo } from "./gift-card"
import { seedLoyaltyDemo } from "./loyalty"
import { seedPosDemo } from "./pos"
import { seedPrepaidDemo } from "./prepaid"
import { seedReservationDemo } from "./reservation"

export async function seedModuleDemo(
  container: AwilixContainer,
  base: { customerEmails: string[]; locationNames: string[] },
  port = process.env.PORT ?? "9000"
): Promise<string[]> {
  const { customerEmails } = base
  const started = Date.now()
  const manager = container.resolve<EntityManager>("manager")
  const pos = await seedPosDemo(container, base.locationNames)
  const found: DemoCustomer[] = await manager.query(`SELECT id, first_name, last_name, email FROM customer WHERE email = ANY($1) AND deleted_at IS NULL`, [customerEmails])
  const customers = customerEmails.map((e) => found.find((c) => c.email === e)).filter((c): c is DemoCustomer => !!c)
  const now = new Date()
  const ctx: DemoContext = {
    container,
    manager,
    now,
    locations: pos.locations,
    customers,
    clock: new DemoClock(now),
    backdate: new Backdater(),
    resolve: <T>(key: string) => container.resolve<T>(key),
    has: (key: string) => container.hasRegistration(key),
  }
  const lines = [...pos.lines]
  const gift = await seedGiftCardDemo(ctx)
  const feedback = await seedFeedbackDemo(ctx)
  if (feedback.tabletKey) {
    lines.push(`${pos.locations[0].name}: feedback tablet key ${feedback.tabletKey}`)
  }
  const summaries = [
    ...gift.lines,
    ...(await seedPrepaidDemo(ctx)),
    ...(await seedLoyaltyDemo(ctx)),
    ...(await seedDebtorDemo(ctx)),
    ...(await seedReservationDemo(ctx)),
    ...(await seedEventDemo(ctx)),
    ...(await seedCmsDemo(ctx)),
    ...feedback.lines,
  ]
  await ctx.backdate.apply(manager)
  if (pos.tillKey && gift.redeemCode) {
    lines.push(
      `try (redeems 5.00 EUR of a demo voucher): curl -X POST -H "Authorization: Bearer ${pos.tillKey}" -H "Idempotency-Key: demo-redeem-1" -H "Content-Type: application/json" -d '{"amount":500}' http://localhost:${port}/store/pos/gift-cards/${gift.redeemCode}/redeem`
    )
  } else if (pos.tillKey) {
    lines.push(`try: curl -H "Authorization: Bearer ${pos.tillKey}" http://localhost:${port}/store/pos/cards/<code>`)
  }
  lines.push(...summaries, `module demo seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  return lines
}
