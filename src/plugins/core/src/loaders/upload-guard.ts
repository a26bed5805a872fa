import type { AwilixContainer } from "awilix"

import { registerFrontGuard } from "../front-door"
import { uploadGuard } from "../utils/upload-guard"

type ConfigModule = { plugins: (string | { resolve: string; options?: { upload_dir?: string } })[] }

/**
 * The files Medusa's file service (@medusajs/file-local) serves from its
 * folder get headers that keep an uploaded page or SVG from running script in
 * the server's origin (see utils/upload-guard).
 */
export default function guardUploads(container: AwilixContainer): void {
  const config = container.resolve<ConfigModule>("configModule")
  for (const plugin of config.plugins) {
    if (typeof plugin !== "string" && plugin.resolve === "@medusajs/file-local") {
      const dir = (plugin.options?.upload_dir ?? "uploads/images").replace(/^\/+|\/+$/g, "")
      registerFrontGuard(`/${dir}/`, uploadGuard())
    }
  }
}
