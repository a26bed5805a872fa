import fs from "fs"
import path from "path"

import { ConfigModule, TransactionBaseService } from "@medusajs/medusa"
import { AwilixContainer } from "awilix"
import { EntityManager } from "typeorm"

import {
  CustomerModule,
  CustomerModuleManifest,
  HealthReporter,
  ModuleHealth,
} from "../types"
import { withTimeout } from "../utils/with-timeout"

type InjectedDependencies = {
  manager: EntityManager
  configModule: ConfigModule
}

type PluginPackage = {
  name: string
  version: string
  customerModule: CustomerModuleManifest
}

const HEALTH_TIMEOUT_MS = 2_000

/**
 * The registry of installed customer modules: every configured plugin whose
 * package.json carries a `customerModule` manifest, with its version and health.
 */
export default class CustomerModulesService
  extends TransactionBaseService
  implements HealthReporter
{
  protected readonly container_: AwilixContainer
  protected readonly packages_: PluginPackage[]

  constructor(container: InjectedDependencies) {
    super(container)
    // Medusa injects a proxy of the container; keep it to resolve health services lazily.
    this.container_ = container as unknown as AwilixContainer
    this.packages_ = readPluginPackages(container.configModule)
  }

  /** The installed customer modules, each with its current health. */
  async list(): Promise<CustomerModule[]> {
    return Promise.all(
      this.packages_.map(async (pkg) => ({
        name: pkg.name,
        title: pkg.customerModule.title,
        summary: pkg.customerModule.summary ?? null,
        version: pkg.version,
        health: await this.healthOf_(pkg),
      }))
    )
  }

  /** The core is healthy when the database answers. */
  async health(): Promise<ModuleHealth> {
    await this.activeManager_.query("SELECT 1")
    return { status: "ok" }
  }

  protected async healthOf_(pkg: PluginPackage): Promise<ModuleHealth> {
    const key = pkg.customerModule.healthService
    if (!key) {
      return { status: "ok" }
    }
    try {
      const reporter = (this.container_ as unknown as Record<string, unknown>)[key] as
        | HealthReporter
        | undefined
      if (typeof reporter?.health !== "function") {
        return { status: "failing", detail: `${key} is not registered` }
      }
      return await withTimeout(reporter.health(), HEALTH_TIMEOUT_MS)
    } catch (e) {
      return { status: "failing", detail: (e as Error).message }
    }
  }
}

function readPluginPackages(configModule: ConfigModule): PluginPackage[] {
  const root = process.cwd()
  const names = (configModule.plugins ?? []).map((p) =>
    typeof p === "string" ? p : (p as { resolve: string }).resolve
  )
  const packages: PluginPackage[] = []
  for (const name of names) {
    let file: string
    try {
      file = require.resolve(`${name}/package.json`, { paths: [root] })
    } catch {
      continue
    }
    const pkg = JSON.parse(fs.readFileSync(file, "utf-8")) as Partial<PluginPackage>
    if (pkg.customerModule && pkg.name && pkg.version) {
      packages.push(pkg as PluginPackage)
    }
  }
  return packages.sort((a, b) => path.basename(a.name).localeCompare(path.basename(b.name)))
}
