import type { Logger, UserService } from "@medusajs/medusa"
import { UserRoles } from "@medusajs/medusa"
import type { AwilixContainer } from "awilix"
import type { EntityManager } from "typeorm"

import { redactText } from "../redact"
import type { CorePluginOptions } from "../types"

/**
 * Ensures the configured admin user (ADMIN_EMAIL / ADMIN_PASSWORD) exists at
 * every start. An existing user is left as it is: its password is not reset.
 */
export default async function ensureAdminUser(
  container: AwilixContainer,
  options: CorePluginOptions
): Promise<void> {
  const { email, password } = options.adminUser ?? {}
  if (!email || !password) {
    return
  }
  const logger = container.resolve<Logger>("logger")
  const userService = container.resolve<UserService>("userService")
  const manager = container.resolve<EntityManager>("manager")
  try {
    const existing = await userService.list({ email: email.toLowerCase() })
    if (existing.length > 0) {
      return
    }
    await manager.transaction((tx) =>
      userService.withTransaction(tx).create({ email, role: UserRoles.ADMIN }, password)
    )
    logger.info("Created the admin user given by ADMIN_EMAIL")
  } catch (e) {
    // A second instance may have created it at the same moment; the start goes on.
    const again = await userService.list({ email: email.toLowerCase() }).catch(() => [])
    if (again.length === 0) {
      logger.error(`Could not create the admin user given by ADMIN_EMAIL: ${redactText((e as Error).message)}`)
    }
  }
}
