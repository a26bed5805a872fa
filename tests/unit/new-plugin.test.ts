/**
 * `npm run new-plugin`: the skeleton is written into a fresh root (next to this
 * checkout, so it resolves the same node_modules), touches nothing but its own
 * folder, its test and the build's list of projects, and compiles against the
 * shared plugins' public API. (That the skeleton's own test passes against a
 * running server is shown in the closing note of issue 13.)
 */
import { execFile } from "child_process"
import fs from "fs"
import { createRequire } from "module"
import path from "path"
import { promisify } from "util"

import { afterAll, describe, expect, it } from "vitest"

import { namesOf, writePlugin } from "../../src/scripts/new-plugin"
import { ROOT } from "../support/server"

const root = fs.mkdtempSync(path.join(ROOT, ".tmp-new-plugin-"))
afterAll(() => fs.rmSync(root, { recursive: true, force: true }))

describe("new-plugin", () => {
  it("writes a skeleton that registers its scope, mail, document and schedule from its own folder and compiles", { timeout: 180_000 }, async () => {
    fs.copyFileSync(path.join(ROOT, "tsconfig.base.json"), path.join(root, "tsconfig.base.json"))
    fs.writeFileSync(path.join(root, "tsconfig.build.json"), JSON.stringify({ files: [], references: [{ path: "./src/plugins/core" }, { path: "./tsconfig.server.json" }] }))
    fs.mkdirSync(path.join(root, "src/plugins"), { recursive: true })
    for (const shared of ["core", "ledger", "jobs", "pos"]) {
      fs.symlinkSync(path.join(ROOT, "src/plugins", shared), path.join(root, "src/plugins", shared))
    }

    const files = writePlugin(root, "wine-cellar", Date.UTC(2026, 11, 1))
    expect(files.every((f) => f.startsWith("src/plugins/wine-cellar/") || f === "tests/integration/wine-cellar.test.ts")).toBe(true)
    expect(files).toEqual(expect.arrayContaining(["src/plugins/wine-cellar/src/loaders/registrations.ts", "src/plugins/wine-cellar/src/mail/wine-cellar-note.ts", "src/plugins/wine-cellar/src/documents/wine-cellar-note.tsx"]))
    const build = JSON.parse(fs.readFileSync(path.join(root, "tsconfig.build.json"), "utf8"))
    expect(build.references.map((r: { path: string }) => r.path)).toEqual(["./src/plugins/core", "./src/plugins/wine-cellar", "./tsconfig.server.json"])
    const loader = fs.readFileSync(path.join(root, "src/plugins/wine-cellar/src/loaders/registrations.ts"), "utf8")
    expect(loader).toMatch(/registerPosScope\(/)
    expect(loader).toMatch(/registerMailKind\(/)
    expect(loader).toMatch(/registerDocumentKind\(require\.resolve/)
    expect(loader).toMatch(/\.register\(COUNT_SCHEDULE/)

    // Compiles against the shared plugins' declarations (their dist is built by `npm test`).
    try {
      // Asynchronously: a compile of a minute must not stall the test worker's event loop.
      await promisify(execFile)(process.execPath, [path.join(ROOT, "node_modules/typescript/bin/tsc"), "-b", path.join(root, "src/plugins/wine-cellar")])
    } catch (e) {
      throw new Error(`the skeleton does not compile:\n${(e as { stdout?: Buffer }).stdout?.toString() ?? e}`)
    }
    expect(fs.existsSync(path.join(root, "src/plugins/wine-cellar/dist/loaders/registrations.js"))).toBe(true)
    expect(fs.existsSync(path.join(root, "src/plugins/wine-cellar/dist/documents/wine-cellar-note.js"))).toBe(true)
    // Its routes import by the plugin's path aliases (decision 0135), which Node resolves in its own dist.
    const route = path.join(root, "src/plugins/wine-cellar/dist/api/admin/wine-cellar/notes/route.js")
    expect(fs.readFileSync(route, "utf8")).toMatch(/require\("#validators"\)/)
    expect(createRequire(route).resolve("#validators")).toBe(path.join(root, "src/plugins/wine-cellar/dist/validators.js"))

    expect(() => writePlugin(root, "wine-cellar")).toThrow(/exists already/)
  })

  it("refuses names that are taken or malformed", () => {
    expect(() => namesOf("loyalty")).toThrow(/taken/)
    expect(() => namesOf("Wine_Cellar")).toThrow(/lower-case/)
    expect(() => namesOf("-x")).toThrow()
    expect(namesOf("wine-cellar")).toEqual({ name: "wine-cellar", snake: "wine_cellar", camel: "wineCellar", pascal: "WineCellar", title: "Wine Cellar" })
  })
})
