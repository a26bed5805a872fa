import type { AwilixContainer } from "awilix"

import { medusaRequire } from "../utils/medusa-require"

type Subscriber = { id: string; subscriber: (...args: unknown[]) => unknown }
type EventBusModule = { eventToSubscribersMap?: Map<string | symbol, Subscriber[]> }
type Emitted = { eventName: string }
type EventBusPrototype = {
  emit(this: { eventBusModuleService_?: EventBusModule }, nameOrEvents: string | Emitted[], data?: unknown, options?: unknown): Promise<unknown>
  __onlyWithListeners?: boolean
}

/**
 * Medusa's event bus stages every emitted event in its outbox (`staged_job`, one INSERT in
 * the caller's transaction), moves it to the queue and runs a job for it, even when nothing
 * in the installation listens: a third of a voucher redemption's CPU went to its
 * `gift_card.redeemed`, which has no subscriber (decision 179).
 *
 * An event is staged only when someone listens to it: a subscriber of its name, a wildcard
 * subscriber other than Medusa's notification subscriber, or a notification provider
 * subscribed to its name. Subscribers are registered while the server boots, in every
 * worker mode (`server` instances load them too), so every instance of one installation
 * decides alike. Whatever cannot be told for sure counts as a listener: the event is staged,
 * as Medusa does.
 */
export default function onlyEventsWithListeners(container: AwilixContainer): void {
  const { default: EventBusService } = medusaRequire<{ default: { prototype: EventBusPrototype } }>("@medusajs/medusa/dist/services/event-bus")
  const proto = EventBusService.prototype
  if (proto.__onlyWithListeners) {
    return
  }
  const stage = proto.emit
  const listened = listenedTo(container)
  proto.emit = function (nameOrEvents, data, options) {
    const bus = this.eventBusModuleService_
    if (typeof nameOrEvents === "string") {
      return listened(bus, nameOrEvents) ? stage.call(this, nameOrEvents, data, options) : Promise.resolve(undefined)
    }
    if (Array.isArray(nameOrEvents)) {
      const kept = nameOrEvents.filter((e) => listened(bus, e?.eventName))
      return kept.length ? stage.call(this, kept, data, options) : Promise.resolve([])
    }
    return stage.call(this, nameOrEvents, data, options)
  }
  Object.defineProperty(proto, "__onlyWithListeners", { value: true })
}

/** Medusa's notification subscriber hands every event ("*") to the notification service, which acts only on the names its providers subscribed to. */
const NOTIFICATION_SUBSCRIBER = /notificationService_\.handleEvent\(eventName, data\)/

/** Whether an event name has a listener, for the event bus module of the emitting service. */
export function listenedTo(container: AwilixContainer): (bus: EventBusModule | undefined, eventName: unknown) => boolean {
  /** Per wildcard list (the module replaces the array on every subscribe): whether any entry is more than Medusa's notification subscriber. */
  const wildcardListens = new WeakMap<Subscriber[], boolean>()
  let notifications: { subscribers_?: Record<string, unknown[]> } | null | undefined
  return (bus, eventName) => {
    const map = bus?.eventToSubscribersMap
    if (typeof eventName !== "string" || !(map instanceof Map)) {
      return true
    }
    if (map.get(eventName)?.length) {
      return true
    }
    const wildcard = map.get("*")
    if (!wildcard?.length) {
      return false
    }
    let other = wildcardListens.get(wildcard)
    if (other === undefined) {
      other = wildcard.some((s) => typeof s?.subscriber !== "function" || !NOTIFICATION_SUBSCRIBER.test(Function.prototype.toString.call(s.subscriber)))
      wildcardListens.set(wildcard, other)
    }
    if (other) {
      return true
    }
    if (notifications === undefined) {
      try {
        notifications = container.resolve("notificationService")
      } catch {
        notifications = null
      }
    }
    const providers = notifications?.subscribers_
    return !providers || typeof providers !== "object" || (providers[eventName]?.length ?? 0) > 0
  }
}
