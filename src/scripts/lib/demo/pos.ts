/**
 * Module demo, POS: per demo location a till key (every registered scope but the
 * top-up) and a top-up terminal key, and two staff members with cards. Skips
 * itself without the POS plugin. Returns the lines to print (the keys are shown
 * only here, once: the database keeps their hashes), the first till's key and
 * the locations with their terminals and staff for the other module demos.
 */
import type { AwilixContainer } from "awilix"

import { listPosScopes } from "@customer-modules/pos"

import type { DemoLocation } from "./context"

type Terminals = {
  create(i: { name: string; location_id: string; scopes: string[] }): Promise<{ key: string; terminal: { id: string } }>
}
type Staff = {
  create(i: { name: string; location_id?: string | null }): Promise<{ id: string }>
  addCard(staffId: string, uid: string): Promise<unknown>
}
type Locations = { list(): Promise<{ id: string; name: string }[]> }

const STAFF = ["Mia Hoffmann", "Paul Becker"]

export type PosDemo = { lines: string[]; tillKey: string | null; locations: DemoLocation[] }

/** `order`: location names in the order the demo should use them (the seed's order); others follow by name. */
export async function seedPosDemo(container: AwilixContainer, order: string[] = []): Promise<PosDemo> {
  if (!container.hasRegistration("posTerminalService")) {
    return { lines: [], tillKey: null, locations: [] }
  }
  const terminals = container.resolve<Terminals>("posTerminalService")
  const staff = container.resolve<Staff>("staffService")
  const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length)
  const locations = (await container.resolve<Locations>("posLocationService").list()).sort((a, b) => rank(a.name) - rank(b.name))
  const all = listPosScopes().map((s) => s.scope)
  const lines: string[] = []
  const demo: DemoLocation[] = []
  let tillKey: string | null = null
  let card = 1
  for (const location of locations) {
    const till = await terminals.create({ name: `Kasse ${location.name}`, location_id: location.id, scopes: all.filter((s) => s !== "prepaid_topup") })
    const topUp = await terminals.create({ name: `Aufladestation ${location.name}`, location_id: location.id, scopes: ["prepaid_topup"] })
    const members: DemoLocation["staff"] = []
    for (const name of STAFF) {
      const member = await staff.create({ name, location_id: location.id })
      const uid = `04A1B2C3D4E5${String(card++).padStart(2, "0")}`
      await staff.addCard(member.id, uid)
      members.push({ id: member.id, name, card_uid: uid })
    }
    tillKey ??= till.key
    demo.push({ id: location.id, name: location.name, till_id: till.terminal.id, top_up_id: topUp.terminal.id, staff: members })
    lines.push(`${location.name}: till key ${till.key}`, `${location.name}: top-up key ${topUp.key}`)
  }
  if (lines.length > 0) {
    lines.unshift("terminal keys (shown only now, once; the database keeps only their hashes):")
  }
  return { lines, tillKey, locations: demo }
}
