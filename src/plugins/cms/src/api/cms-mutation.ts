import type { MedusaRequest, MedusaResponse } from "@medusajs/medusa"
import type { z } from "zod"

import { adminMutation } from "@customer-modules/core"
import type { AdminMutationOptions } from "@customer-modules/core"

import type CmsService from "../services/cms"

/**
 * `adminMutation`, then the public cache is cleared once more after the commit:
 * a public read that ran between the edit and the commit cannot keep the old
 * content in the cache.
 */
export function cmsMutation<S extends z.ZodTypeAny>(opts: AdminMutationOptions<S>) {
  const run = adminMutation(opts)
  return async (req: MedusaRequest, res: MedusaResponse): Promise<void> => {
    try {
      await run(req, res)
    } finally {
      req.scope.resolve<CmsService>("cmsService").invalidate()
    }
  }
}

export function cms(req: MedusaRequest, tx?: import("typeorm").EntityManager): CmsService {
  const service = req.scope.resolve<CmsService>("cmsService")
  return tx ? service.withTransaction(tx) : service
}
