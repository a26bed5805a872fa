import { registerCustomerData } from "@customer-modules/core"

import { feedbackCustomerData } from "../customer-data"

/** Registers the feedback plugin's export and erasure of a customer's data. */
export default function registerFeedbackCustomerData(): void {
  registerCustomerData(feedbackCustomerData)
}
