/**
 * The Medusa process's preload (src/scripts/lib/native-builtins-preload.ts,
 * decision 176): after Medusa's own `require("core-js/stable")`, JSON and
 * Array.prototype.push are the engine's, and core-js's additions are there.
 */
import { execFileSync } from "child_process"
import path from "path"

import { describe, expect, it } from "vitest"

const ROOT = path.resolve(__dirname, "..", "..")
const PRELOAD = path.join(ROOT, "dist", "scripts", "lib", "native-builtins-preload.js")

/** Runs `script` in a node child after Medusa's start command's own require of core-js, with or without the preload. */
function probe(withPreload: boolean): Record<string, unknown> {
  const script = `
    const path = require("path")
    const { createRequire } = require("module")
    const medusa = path.dirname(require.resolve("@medusajs/medusa/package.json"))
    createRequire(path.join(medusa, "dist", "commands", "start.js"))("core-js/stable")
    // core-js makes its wrappers print as native through its own Function.prototype.toString; another realm's is untouched.
    const toString = require("vm").runInNewContext("Function.prototype.toString")
    const native = (f) => /\\{ \\[native code\\] \\}$/.test(toString.call(f))
    process.stdout.write(JSON.stringify({
      parse: native(JSON.parse), stringify: native(JSON.stringify), push: native(Array.prototype.push),
      groupBy: typeof Object.groupBy, withResolvers: typeof Promise.withResolvers, union: typeof new Set().union,
      roundTrip: JSON.parse(JSON.stringify({ a: [1, "ü", null], b: "\\ud800" })),
    }))`
  const args = withPreload ? ["-r", PRELOAD, "-e", script] : ["-e", script]
  return JSON.parse(execFileSync(process.execPath, args, { cwd: ROOT, stdio: "pipe" }).toString())
}

describe("native built-ins in the Medusa process", () => {
  it("core-js alone replaces JSON and Array.prototype.push with wrappers (what the preload undoes)", () => {
    const plain = probe(false)
    expect(plain.stringify).toBe(false)
    expect(plain.push).toBe(false)
  })

  it("with the preload they are the engine's own again and core-js's additions stay", () => {
    expect(probe(true)).toEqual({
      parse: true,
      stringify: true,
      push: true,
      groupBy: "function",
      withResolvers: "function",
      union: "function",
      roundTrip: { a: [1, "ü", null], b: "\ud800" },
    })
  })
})
