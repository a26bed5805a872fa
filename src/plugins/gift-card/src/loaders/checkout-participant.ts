import type { AwilixContainer } from "awilix"

import { registerCheckoutParticipant } from "@customer-modules/ledger"

/** Vouchers on a web cart are spent by the ledger's cart-completion strategy. */
export default async function voucherCheckoutParticipant(container: AwilixContainer): Promise<void> {
  registerCheckoutParticipant(container, "voucherCheckoutService")
}
