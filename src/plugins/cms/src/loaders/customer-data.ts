import { registerCustomerData } from "@customer-modules/core"

import { cmsCustomerData } from "../customer-data"

/** Registers the cms plugin's export and erasure of a customer's data. */
export default function registerCmsCustomerData(): void {
  registerCustomerData(cmsCustomerData)
}
