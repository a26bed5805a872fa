import type { AwilixContainer } from "awilix"

import { registerCheckoutParticipant } from "@customer-modules/ledger"

/** A cart made for a held registration completes only with its places in hand (decision 94). */
export default async function eventCheckoutParticipant(container: AwilixContainer): Promise<void> {
  registerCheckoutParticipant(container, "eventCheckoutService")
}
