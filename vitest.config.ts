import fs from "fs"
import path from "path"

import swc from "unplugin-swc"
import type { Plugin } from "vitest/config"
import { defineConfig } from "vitest/config"

/**
 * A plugin's path aliases (`#services/*`, `#validators`, … decision 0135) imported
 * from its `src`: to the source file, by the `paths` of the plugin's tsconfig.json
 * (as tsc resolves them), so that a test importing a source file does not get the
 * compiled module beside it. From `dist`, Node's subpath imports (package.json
 * "imports") apply as at run time.
 */
function pluginAliases(): Plugin {
  const pathsOf = new Map<string, Record<string, string[]>>()
  return {
    name: "customer-modules-aliases",
    enforce: "pre",
    async resolveId(source, importer) {
      const plugin = source.startsWith("#") && importer ? /^(.*[\\/]src[\\/]plugins[\\/][^\\/]+)[\\/]src[\\/]/.exec(importer)?.[1] : undefined
      if (!plugin) return null
      if (!pathsOf.has(plugin)) {
        pathsOf.set(plugin, JSON.parse(fs.readFileSync(path.join(plugin, "tsconfig.json"), "utf8")).compilerOptions?.paths ?? {})
      }
      let best: { prefix: string; target: string } | undefined
      for (const [key, [target]] of Object.entries(pathsOf.get(plugin)!)) {
        const star = key.indexOf("*")
        const prefix = star < 0 ? key : key.slice(0, star)
        const hit = star < 0 ? source === key : source.startsWith(prefix) && source.endsWith(key.slice(star + 1))
        if (hit && (!best || prefix.length > best.prefix.length)) {
          best = { prefix, target: star < 0 ? target : target.replace("*", source.slice(prefix.length, source.length - (key.length - star - 1))) }
        }
      }
      if (!best) return null
      return this.resolve(path.resolve(plugin, best.target), importer, { skipSelf: true })
    },
  }
}

export default defineConfig({
  // TypeORM models need decorator metadata, which esbuild does not emit.
  // Documents are React components (tsx) with the automatic JSX runtime, as the jobs plugin builds them.
  plugins: [pluginAliases(), swc.vite({ module: { type: "es6" }, jsc: { transform: { react: { runtime: "automatic" } } } })],
  test: {
    include: ["tests/**/*.test.ts"],
    globalSetup: ["tests/setup/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 180_000,
    teardownTimeout: 60_000,
    reporters: ["default"],
    pool: "forks",
  },
})
