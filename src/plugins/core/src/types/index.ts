/** Options medusa-config.js passes to the core plugin. */
export type CorePluginOptions = {
  /** The admin user ensured at every start (ADMIN_EMAIL / ADMIN_PASSWORD). */
  adminUser?: { email?: string; password?: string }
  redisUrl?: string
  redisNamespace?: string
  enableUI?: boolean
}

/** What a plugin declares under `customerModule` in its package.json. */
export type CustomerModuleManifest = {
  title: string
  summary?: string
  /** Container key of a service with a `health()` method. */
  healthService?: string
}

export type ModuleHealth = { status: "ok" | "failing"; detail?: string }

/** A plugin service that can report its own health. */
export interface HealthReporter {
  health(): Promise<ModuleHealth>
}

export type CustomerModule = {
  name: string
  title: string
  summary: string | null
  version: string
  health: ModuleHealth
}
