import { createRequire } from "module"
import path from "path"

/** Medusa's own copy of a module (the express that built the app, its cors, its morgan): the very instance its loaders use. */
export function medusaRequire<T>(id: string): T {
  const medusaDir = path.dirname(require.resolve("@medusajs/medusa/package.json"))
  return createRequire(path.join(medusaDir, "package.json"))(id) as T
}
