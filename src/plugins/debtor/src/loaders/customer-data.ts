import { registerCustomerData } from "@customer-modules/core"

import { debtorCustomerData } from "../customer-data"

/** Registers the debtor plugin's export and erasure of a customer's data. */
export default function registerDebtorCustomerData(): void {
  registerCustomerData(debtorCustomerData)
}
