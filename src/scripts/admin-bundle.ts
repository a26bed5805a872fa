/**
 * `medusa-admin bundle` for one plugin (run in its folder), failing the build
 * when the bundler leaves a page or widget out. The bundler only logs such a
 * page as invalid and still reports success, so the page would silently be
 * missing from the admin.
 */
import { spawnSync } from "child_process"

const REJECTED = /cannot be injected|will not be injected|is invalid/

const result = spawnSync("medusa-admin", ["bundle"], { encoding: "utf8", shell: process.platform === "win32" })
process.stdout.write(result.stdout ?? "")
process.stderr.write(result.stderr ?? "")
const output = `${result.stdout ?? ""}${result.stderr ?? ""}`
if (result.status !== 0) {
  process.exit(result.status ?? 1)
}
if (REJECTED.test(output)) {
  console.error(`admin-bundle: ${process.cwd()}: the bundler rejected an admin extension (see above); failing the build`)
  process.exit(1)
}
