import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import type CustomerModulesService from "#services/customer-modules"

/** GET /admin/customer-modules: the installed customer modules with version and health. */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const service = req.scope.resolve<CustomerModulesService>("customerModulesService")
  res.json({ modules: await service.list() })
}
