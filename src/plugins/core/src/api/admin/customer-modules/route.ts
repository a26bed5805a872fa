import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"

import type CustomerModulesService from "#services/customer-modules"

import { frontDoorRoutes } from "../../../front-door"

/**
 * GET /admin/customer-modules: the installed customer modules with version and
 * health, and the routes the front door answers ahead of Medusa's stack.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse): Promise<void> {
  const service = req.scope.resolve<CustomerModulesService>("customerModulesService")
  res.json({ modules: await service.list(), front_door: frontDoorRoutes })
}
