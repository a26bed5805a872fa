/**
 * Events are staged only when someone listens (decision 179): a subscriber of the name,
 * a wildcard subscriber other than Medusa's notification subscriber, or a notification
 * provider subscribed to the name. Medusa's own NotificationSubscriber is used, so a
 * Medusa upgrade that changes it fails here (and the loader then stages every event).
 */
import { asValue, createContainer } from "awilix"
import { describe, expect, it } from "vitest"

import { listenedTo } from "../../src/plugins/core/src/loaders/events-with-listeners"

type Subscriber = { id: string; subscriber: (...args: unknown[]) => unknown }

// eslint-disable-next-line @typescript-eslint/no-require-imports
const NotificationSubscriber = require("@medusajs/medusa/dist/subscribers/notification").default as new (deps: unknown) => unknown

function setup(providers: Record<string, string[]> = {}) {
  const map = new Map<string, Subscriber[]>()
  const subscribe = (name: string, fn: Subscriber["subscriber"]) => map.set(name, [...(map.get(name) ?? []), { id: String(map.size), subscriber: fn }])
  const notificationService = { subscribers_: providers, handleEvent: () => undefined }
  new NotificationSubscriber({ eventBusService: { subscribe }, notificationService })
  const container = createContainer()
  container.register("notificationService", asValue(notificationService))
  return { bus: { eventToSubscribersMap: map }, subscribe, listened: listenedTo(container) }
}

describe("which events have a listener", () => {
  it("an event only Medusa's notification subscriber hears, with no provider for it, has none", () => {
    const { bus, listened } = setup()
    expect(bus.eventToSubscribersMap.get("*")).toHaveLength(1)
    expect(listened(bus, "gift_card.redeemed")).toBe(false)
  })

  it("a subscriber of the name, a notification provider for it, or another wildcard subscriber is one", () => {
    const { bus, subscribe, listened } = setup({ "order.placed": ["sendgrid"] })
    subscribe("gift_card.sold", async () => undefined)
    expect(listened(bus, "gift_card.sold")).toBe(true)
    expect(listened(bus, "order.placed")).toBe(true)
    expect(listened(bus, "gift_card.redeemed")).toBe(false)
    subscribe("*", async () => undefined)
    expect(listened(bus, "gift_card.redeemed")).toBe(true)
  })

  it("counts as listened whatever it cannot tell", () => {
    const { listened } = setup()
    expect(listened(undefined, "gift_card.redeemed")).toBe(true)
    expect(listened({}, "gift_card.redeemed")).toBe(true)
    expect(listened(setup().bus, undefined)).toBe(true)
    const bare = listenedTo(createContainer())
    const bus = { eventToSubscribersMap: new Map<string, Subscriber[]>([["*", [{ id: "n", subscriber: setup().bus.eventToSubscribersMap.get("*")![0].subscriber }]]]) }
    // No notification service to ask: staged.
    expect(bare(bus, "gift_card.redeemed")).toBe(true)
  })
})
