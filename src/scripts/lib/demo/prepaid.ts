/**
 * Module demo, prepaid cards: four cards (three linked to customers, one
 * anonymous), topped up at the top-up terminals and the tills and charged for
 * lunches over the last five weeks.
 */
import type { PrepaidCardService } from "@customer-modules/prepaid"

import type { DemoContext } from "./context"

const LUNCHES = [890, 650, 1290, 480, 720, 990, 560]

export async function seedPrepaidDemo(ctx: DemoContext): Promise<string[]> {
  if (!ctx.has("prepaidCardService") || !ctx.locations.length) {
    return []
  }
  const cards = ctx.resolve<PrepaidCardService>("prepaidCardService")
  const { clock, backdate, locations, customers } = ctx
  const owners = [customers[1]?.id ?? null, customers[2]?.id ?? null, customers[4]?.id ?? null, null]
  let movements = 0
  for (const [i, owner] of owners.entries()) {
    const location = locations[i % locations.length]
    const staff = location.staff[i % location.staff.length]
    const { prepaid_card } = await cards.issue({ currency_code: "eur", customer_id: owner }, { location_id: location.id, terminal_id: location.top_up_id })
    const firstDay = -35 + i * 3
    backdate.set("card", prepaid_card.id, clock.at(firstDay, "07:50"))
    let balance = 0
    for (let day = firstDay; day <= -1; day++) {
      const weekday = new Date(`${clock.day(day)}T12:00:00Z`).getUTCDay()
      if (weekday === 0 || weekday === 6) {
        continue
      }
      const lunch = LUNCHES[(day + i * 5 + 70) % LUNCHES.length]
      if (balance < lunch) {
        const amount = i === 3 ? 2000 : 5000
        const atTill = (day + i) % 3 === 0
        const topUp = await cards.topUp(prepaid_card.code, amount, atTill ? "card" : "cash", {
          location_id: location.id,
          terminal_id: atTill ? location.till_id : location.top_up_id,
          staff_id: atTill ? staff.id : null,
        })
        backdate.set("ledger_transaction", topUp.transaction.id, clock.at(day, "08:05"))
        balance += amount
        movements++
      }
      if ((day + i) % 4 === 0) {
        continue // not every working day at the canteen
      }
      const charge = await cards.charge(prepaid_card.code, lunch, { location_id: location.id, terminal_id: location.till_id, staff_id: staff.id, reference: `Mittag ${clock.day(day)}` })
      backdate.set("ledger_transaction", charge.transaction.id, clock.at(day, `12:${String(10 + ((day * 7 + i * 11 + 700) % 45)).padStart(2, "0")}`))
      balance -= lunch
      movements++
    }
  }
  return [`prepaid cards: ${owners.length} cards, ${movements} top-ups and charges over five weeks`]
}
