import { registerCustomerData } from "@customer-modules/core"

import { giftCardCustomerData } from "../customer-data"

/** Registers the gift-card plugin's export and erasure of a customer's data. */
export default function registerGiftCardCustomerData(): void {
  registerCustomerData(giftCardCustomerData)
}
