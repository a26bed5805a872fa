import { registerCustomerData } from "@customer-modules/core"

import { loyaltyCustomerData } from "../customer-data"

/** Registers the loyalty plugin's export and erasure of a customer's data. */
export default function registerLoyaltyCustomerData(): void {
  registerCustomerData(loyaltyCustomerData)
}
