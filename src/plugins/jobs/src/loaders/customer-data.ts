import { registerCustomerData } from "@customer-modules/core"

import { jobsCustomerData } from "../customer-data"

/** Registers the jobs plugin's export and erasure of the mails sent to a customer. */
export default function registerJobsCustomerData(): void {
  registerCustomerData(jobsCustomerData)
}
