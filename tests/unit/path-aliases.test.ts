/**
 * Path aliases inside a plugin (`#services/*`, `#validators`, … decision 0135)
 * resolve in all four places a plugin's code is resolved: at run time (Node's
 * subpath imports from the compiled dist), in tsc's build (the tsconfig's
 * `paths`, which must name the same files), in ESLint's import resolver (to the
 * plugin's own source, never a namesake in another plugin), and in vitest (a
 * source file's aliases give source files, one module instance with the test's).
 */
import fs from "fs"
import { createRequire } from "module"
import path from "path"

import { resolve as eslintResolve } from "eslint-import-resolver-typescript"
import { describe, expect, it } from "vitest"
import { z } from "zod"

import { ROOT } from "../support/server"

const PLUGINS = path.join(ROOT, "src/plugins")
const plugins = fs.readdirSync(PLUGINS).filter((p) => fs.existsSync(path.join(PLUGINS, p, "package.json")))
const json = (file: string) => JSON.parse(fs.readFileSync(file, "utf8"))

function filesUnder(dir: string, test: (f: string) => boolean): string[] {
  if (!fs.existsSync(dir)) return []
  return fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).map((f) => path.join(dir, f)).filter((f) => test(f) && fs.statSync(f).isFile())
}

/** Every `#…` specifier a file imports or requires. */
const aliasesIn = (file: string) => [...fs.readFileSync(file, "utf8").matchAll(/(?:from |require\(|import\()"(#[^"]+)"/g)].map((m) => m[1])

describe("path aliases", () => {
  it("every plugin declares the same aliases for Node (package.json imports) and tsc (tsconfig paths)", () => {
    for (const plugin of plugins) {
      const dir = path.join(PLUGINS, plugin)
      const imports: Record<string, { types: string; default: string }> = json(path.join(dir, "package.json")).imports
      const paths: Record<string, string[]> = json(path.join(dir, "tsconfig.json")).compilerOptions.paths
      expect(Object.keys(imports), plugin).toEqual(Object.keys(paths))
      expect(Object.keys(imports), plugin).toContain("#services/*")
      for (const [alias, target] of Object.entries(imports)) {
        // dist/x.js is built from src/x.ts(x): the three targets name one module.
        const stem = (t: string, from: string) => t.replace(from, "").replace(/\.(js|ts|tsx)$/, "")
        expect(stem(target.default, "./dist/"), alias).toBe(stem(paths[alias][0], "./src/"))
        expect(stem(target.types, "./src/"), alias).toBe(stem(paths[alias][0], "./src/"))
      }
    }
  })

  it("at run time every alias a compiled file requires resolves to a file of the same plugin's dist", () => {
    let seen = 0
    for (const plugin of plugins) {
      const dist = path.join(PLUGINS, plugin, "dist")
      for (const file of filesUnder(dist, (f) => f.endsWith(".js"))) {
        for (const alias of aliasesIn(file)) {
          const target = createRequire(file).resolve(alias)
          expect(target.startsWith(dist + path.sep), `${alias} in ${file}`).toBe(true)
          seen++
        }
      }
    }
    expect(seen).toBeGreaterThan(100)
  })

  it("no declaration another plugin reads (from its index.d.ts) contains an alias, which that plugin's build could not resolve", () => {
    for (const plugin of plugins) {
      const seen = new Set<string>()
      const todo = [path.join(PLUGINS, plugin, "dist/index.d.ts")]
      while (todo.length) {
        const file = todo.pop()!
        if (seen.has(file) || !fs.existsSync(file)) continue
        seen.add(file)
        const text = fs.readFileSync(file, "utf8")
        expect(aliasesIn(file), file).toEqual([])
        for (const m of text.matchAll(/(?:from |import\()"(\.{1,2}\/[^"]*)"/g)) {
          const base = path.resolve(path.dirname(file), m[1])
          todo.push(fs.existsSync(base + ".d.ts") ? base + ".d.ts" : path.join(base, "index.d.ts"))
        }
      }
      expect(seen.size, plugin).toBeGreaterThan(1)
    }
  })

  it("ESLint's resolver takes every alias in the sources to the importing plugin's own source file", async () => {
    const config: Array<{ settings?: Record<string, unknown> }> = (await import(path.join(ROOT, "eslint.config.mjs"))).default
    const resolver = config.find((c) => c.settings?.["import/resolver"])!.settings!["import/resolver"] as { typescript: object }
    const cwd = process.cwd()
    process.chdir(ROOT)
    try {
      let seen = 0
      for (const plugin of plugins) {
        const src = path.join(PLUGINS, plugin, "src")
        const paths: Record<string, string[]> = json(path.join(PLUGINS, plugin, "tsconfig.json")).compilerOptions.paths
        for (const file of filesUnder(src, (f) => /\.tsx?$/.test(f))) {
          for (const alias of aliasesIn(file)) {
            const found = eslintResolve(alias, file, resolver.typescript)
            expect(found.found, `${alias} in ${file}`).toBe(true)
            // The file tsc's paths give (longest matching prefix), with its extension.
            const key = Object.keys(paths).filter((k) => (k.endsWith("*") ? alias.startsWith(k.slice(0, -1)) : alias === k)).sort((a, b) => b.length - a.length)[0]
            const expected = path.resolve(PLUGINS, plugin, key.endsWith("*") ? paths[key][0].replace("*", alias.slice(key.length - 1)) : paths[key][0])
            expect(found.path?.replace(/\.tsx?$/, ""), `${alias} in ${file}`).toBe(expected)
            seen++
          }
        }
      }
      expect(seen).toBeGreaterThan(100)
    } finally {
      process.chdir(cwd)
    }
  })

  it("in vitest a source file's alias gives the source module, the same instance the test imports", async () => {
    // By path (not a static import): the tests' type check resolves no plugin's aliases.
    const registry = await import(path.join(PLUGINS, "jobs/src/registry.ts"))
    const route = await import(path.join(PLUGINS, "jobs/src/api/admin/jobs/kinds/route.ts"))
    const text = () => ({ subject: "s", greeting: "g", paragraphs: [], closing: "c" })
    registry.registerMailKind({ kind: "alias_probe", plugin: "alias-test", schema: z.object({}).strict(), sample: {}, templates: { de: text, en: text, pt: text } })
    let body: { mail_kinds: Array<{ kind: string }> } | undefined
    await route.GET({}, { json: (b: typeof body) => (body = b) })
    expect(body?.mail_kinds.map((k) => k.kind)).toContain("alias_probe")
  })
})
