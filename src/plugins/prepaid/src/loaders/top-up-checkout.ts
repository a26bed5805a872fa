import type { AwilixContainer } from "awilix"

import { registerCheckoutParticipant } from "@customer-modules/ledger"

/** A top-up cart whose currency or amount moved away from what it was made for is refused at completion, before any payment. */
export default async function topUpCheckoutParticipant(container: AwilixContainer): Promise<void> {
  registerCheckoutParticipant(container, "prepaidCardService")
}
