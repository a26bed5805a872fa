import { registerCustomerData } from "@customer-modules/core"

import { eventCustomerData } from "../customer-data"

/** Registers the event plugin's export and erasure of a customer's data. */
export default function registerEventCustomerData(): void {
  registerCustomerData(eventCustomerData)
}
