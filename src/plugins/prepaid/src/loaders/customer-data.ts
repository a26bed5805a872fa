import { registerCustomerData } from "@customer-modules/core"

import { prepaidCustomerData } from "../customer-data"

/** Registers the prepaid plugin's export and erasure of a customer's data. */
export default function registerPrepaidCustomerData(): void {
  registerCustomerData(prepaidCustomerData)
}
