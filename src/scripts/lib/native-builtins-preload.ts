/**
 * Loaded into the Medusa process with `node -r` by the entry point, before
 * Medusa. Medusa's `start` command requires `core-js/stable`. On Node 20 that
 * adds what Node lacks (Object.groupBy, the new Set methods,
 * Promise.withResolvers, Iterator helpers …) and also replaces native functions
 * with JavaScript wrappers, for proposals (JSON.rawJSON, JSON.parse's source
 * text) and for bugs of old engines: JSON.parse, JSON.stringify,
 * Array.prototype.push and Function.prototype.toString. Every JSON body read
 * or sent then runs through a wrapper (about 4 % of a till call's CPU).
 *
 * Here core-js is loaded first, from where Medusa loads it, so Medusa's own
 * require gets the cached module and every addition stays; then those four
 * natives are put back. What is lost is only core-js's JSON.rawJSON support,
 * which nothing in this server uses (decision 176).
 */
import { createRequire } from "module"
import path from "path"

const natives = {
  parse: JSON.parse,
  stringify: JSON.stringify,
  push: Array.prototype.push,
  toString: Function.prototype.toString,
}

const medusaDir = path.dirname(require.resolve("@medusajs/medusa/package.json"))
createRequire(path.join(medusaDir, "dist", "commands", "start.js"))("core-js/stable")

const restore = (target: object, name: string, value: unknown) =>
  Object.defineProperty(target, name, { value, writable: true, configurable: true, enumerable: false })
restore(JSON, "parse", natives.parse)
restore(JSON, "stringify", natives.stringify)
restore(Array.prototype, "push", natives.push)
restore(Function.prototype, "toString", natives.toString)
