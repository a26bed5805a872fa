/**
 * Module demo, loyalty: the settings (1 point per euro, birthday points), six
 * members with cards (two with a birthday this week, some with marketing
 * consent) who earned points on visits over the last months, two rewards (one
 * redeemed), and a campaign running now (double points).
 */
import type { LoyaltyEarningService, LoyaltyRewardService, LoyaltyService } from "@customer-modules/loyalty"

import type { DemoContext } from "./context"

type Member = { first_name: string; last_name: string; email: string; phone?: string; birthday: string; consent: boolean; visits: number }

export async function seedLoyaltyDemo(ctx: DemoContext): Promise<string[]> {
  if (!ctx.has("loyaltyService") || !ctx.locations.length) {
    return []
  }
  const loyalty = ctx.resolve<LoyaltyService>("loyaltyService")
  const rewardService = ctx.resolve<LoyaltyRewardService>("loyaltyRewardService")
  const earning = ctx.resolve<LoyaltyEarningService>("loyaltyEarningService")
  const { clock, backdate, locations } = ctx
  const year = Number(clock.day(0).slice(0, 4))
  const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
  // A birthday on that day: the year `age` years back (the leap year before it for 29 February).
  const birthday = (offsetDays: number, age: number) => {
    const monthDay = clock.day(offsetDays).slice(4)
    let born = year - age
    while (monthDay === "-02-29" && !leap(born)) born--
    return `${born}${monthDay}`
  }
  const MEMBERS: Member[] = [
    { first_name: "Clara", last_name: "Neumann", email: "clara.neumann@example.com", birthday: birthday(2, 34), consent: true, visits: 14 },
    { first_name: "Felix", last_name: "Wagner", email: "felix.wagner@example.com", phone: "+49 30 5550102", birthday: birthday(5, 41), consent: false, visits: 9 },
    { first_name: "Leonie", last_name: "Schulz", email: "leonie.schulz@example.com", birthday: "1988-03-14", consent: true, visits: 11 },
    { first_name: "Tobias", last_name: "Keller", email: "tobias.keller@example.com", birthday: "1979-07-02", consent: false, visits: 4 },
    { first_name: "Inês", last_name: "Costa", email: "ines.costa@example.com", birthday: "1995-10-21", consent: true, visits: 7 },
    { first_name: "Emil", last_name: "Braun", email: "emil.braun@example.com", birthday: "1969-01-30", consent: false, visits: 2 },
  ]

  await loyalty.updateSettings({
    points_per_unit: 1,
    unit_minor: 100,
    rounding: "floor",
    min_spend_minor: 0,
    birthday_points: 50,
    birthday_message: "Alles Gute zum Geburtstag! Ihr Demo Café schenkt Ihnen 50 Punkte.",
    time_zone: clock.timeZone,
  })

  const [variant]: { id: string }[] = await ctx.manager.query(
    `SELECT v.id FROM product_variant v JOIN product p ON p.id = v.product_id WHERE p.handle = 'cappuccino' AND v.deleted_at IS NULL LIMIT 1`
  )
  const rewards = [
    ...(variant ? [await rewardService.createReward({ title: "Cappuccino gratis", points: 40, kind: "product_variant", variant_id: variant.id })] : []),
    await rewardService.createReward({ title: "5 € Rabatt", points: 120, kind: "discount", discount_amount: 500, currency_code: "eur" }),
  ]

  let visits = 0
  for (const [i, m] of MEMBERS.entries()) {
    const home = locations[i % locations.length]
    const { customer, card } = await loyalty.register(
      { first_name: m.first_name, last_name: m.last_name, email: m.email, phone: m.phone, birthday: m.birthday, marketing_consent: m.consent },
      { location_id: home.id, terminal_id: home.till_id, staff_id: home.staff[0].id }
    )
    const since = -150 + i * 9
    backdate.set("card", card.id, clock.at(since, "09:00"))
    for (let v = 0; v < m.visits; v++) {
      const day = Math.round(since + ((v + 1) * -since) / (m.visits + 1))
      const location = locations[(i + v) % locations.length]
      const amount = 890 + ((i * 37 + v * 211) % 2600)
      const reference = `Bon ${clock.day(day).replace(/-/g, "")}-${i}${v}`
      const earned = await earning.earnAtTill(
        card.code,
        { amount, currency_code: "eur", reference },
        { location_id: location.id, terminal_id: location.till_id, staff_id: location.staff[v % location.staff.length].id }
      )
      const when = clock.at(day, `${String(8 + ((i + v) % 10)).padStart(2, "0")}:${String((v * 13) % 60).padStart(2, "0")}`)
      if (earned.transaction) {
        backdate.set("ledger_transaction", earned.transaction.id, when)
      }
      backdate.statement(`UPDATE loyalty_visit SET created_at = $1 WHERE customer_id = $2 AND reference = $3`, [when.toISOString(), customer.id, reference])
      visits++
    }
    if (i === 0 && rewards.length) {
      const redeemed = await rewardService.redeem(card.code, rewards[0].id, { location_id: home.id, terminal_id: home.till_id, staff_id: home.staff[0].id })
      backdate.set("ledger_transaction", redeemed.transaction.id, clock.at(-4, "10:30"))
    }
  }

  // The campaign starts after the history above, so those visits earned the normal points.
  await loyalty.updateSettings({
    campaigns: [{ name: "Doppelte Punkte – Aktionswochen", multiplier_percent: 200, starts_at: clock.iso(-3, "00:00"), ends_at: clock.iso(11, "23:59") }],
  })
  return [`loyalty: ${MEMBERS.length} members, ${visits} visits with points, ${rewards.length} rewards, a campaign running, 2 birthdays this week`]
}
