import type { MedusaResponse } from "@medusajs/medusa"

import { contentDisposition } from "./content-disposition"

/** Sends a customer's data export as a JSON download named for the customer and the day (RFC 6266). */
export function sendExportDownload(res: MedusaResponse, customerId: string, data: unknown): void {
  res.setHeader("Content-Type", "application/json; charset=utf-8")
  res.setHeader("Content-Disposition", contentDisposition("attachment", `customer-data-${customerId}-${new Date().toISOString().slice(0, 10)}.json`))
  res.setHeader("Cache-Control", "no-store")
  res.status(200).send(JSON.stringify(data, null, 2))
}
