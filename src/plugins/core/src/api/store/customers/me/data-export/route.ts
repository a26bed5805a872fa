import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import type CustomerDataService from "#services/customer-data"
import { customerIdOf } from "#src/request"
import { sendExportDownload } from "#utils/export-download"

/** GET /store/customers/me/data-export: the signed-in customer's own data (GDPR art. 15 and 20), as a JSON file. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const customerId = customerIdOf(req)
  const service = req.scope.resolve<CustomerDataService>("customerDataService")
  const data = await service.export(customerId, req.scope)
  sendExportDownload(res, customerId, data)
}
