import type { AwilixContainer } from "awilix"

import { registerCheckoutParticipant } from "@customer-modules/ledger"

/** Rewards on a web cart are paid with points by the ledger's cart-completion strategy. */
export default async function loyaltyCheckoutParticipant(container: AwilixContainer): Promise<void> {
  registerCheckoutParticipant(container, "loyaltyCheckoutService")
}
