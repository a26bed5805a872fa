import { registerCustomerData } from "@customer-modules/core"

import { reservationCustomerData } from "../customer-data"

/** Registers the reservation plugin's export and erasure of a customer's data. */
export default function registerReservationCustomerData(): void {
  registerCustomerData(reservationCustomerData)
}
