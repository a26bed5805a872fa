/**
 * Module demo, POS: per demo location a till key (every registered scope but the
 * top-up) and a top-up terminal key, and two staff members with cards. Skips
 * itself without the POS plugin. Returns the lines to print: the keys are shown
 * only here, once (the database keeps their hashes).
 */
import type { AwilixContainer } from "awilix"

import { listPosScopes } from "@customer-modules/pos"

type Terminals = { create(i: { name: string; location_id: string; scopes: string[] }): Promise<{ key: string }> }
type Staff = {
  create(i: { name: string; location_id?: string | null }): Promise<{ id: string }>
  addCard(staffId: string, uid: string): Promise<unknown>
}
type Locations = { list(): Promise<{ id: string; name: string }[]> }

const STAFF = ["Mia Hoffmann", "Paul Becker"]

export async function seedPosDemo(container: AwilixContainer): Promise<string[]> {
  if (!container.hasRegistration("posTerminalService")) {
    return []
  }
  const terminals = container.resolve<Terminals>("posTerminalService")
  const staff = container.resolve<Staff>("staffService")
  const locations = await container.resolve<Locations>("posLocationService").list()
  const all = listPosScopes().map((s) => s.scope)
  const lines: string[] = []
  let card = 1
  for (const location of locations) {
    const till = await terminals.create({ name: `Kasse ${location.name}`, location_id: location.id, scopes: all.filter((s) => s !== "prepaid_topup") })
    const topUp = await terminals.create({ name: `Aufladestation ${location.name}`, location_id: location.id, scopes: ["prepaid_topup"] })
    for (const name of STAFF) {
      const member = await staff.create({ name, location_id: location.id })
      await staff.addCard(member.id, `04A1B2C3D4E5${String(card++).padStart(2, "0")}`)
    }
    lines.push(`${location.name}: till key ${till.key}`, `${location.name}: top-up key ${topUp.key}`)
  }
  if (lines.length > 0) {
    lines.unshift("terminal keys (shown only now, once; the database keeps only their hashes):")
    const firstKey = lines[1].split(" ").pop()
    lines.push(`try: curl -H "Authorization: Bearer ${firstKey}" http://localhost:9000/store/pos/cards/<code>`)
  }
  return lines
}
