import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import type CustomerDataService from "#services/customer-data"
import { sendExportDownload } from "#utils/export-download"

/** GET /admin/customer-data/:customer_id/export: everything the modules hold about the customer, as a JSON file. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const service = req.scope.resolve<CustomerDataService>("customerDataService")
  const data = await service.export(req.params.customer_id, req.scope)
  sendExportDownload(res, data.customer_id, data)
}
