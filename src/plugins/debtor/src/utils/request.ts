import type { MedusaRequest } from "@medusajs/medusa"

/** The signed-in admin user's id, for the audit trail. */
export function adminUserIdOf(req: MedusaRequest): string | null {
  const user = req.user as { userId?: string; id?: string } | undefined
  return user?.userId ?? user?.id ?? null
}
