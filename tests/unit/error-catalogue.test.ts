/**
 * The error catalogue (docs/openapi/errors.md) lists every error type the
 * plugins raise, with its status: regenerate it with `npm run errors` when a
 * new type appears. Every OpenAPI file points clients to it.
 */
import fs from "fs"
import path from "path"

import { describe, expect, it } from "vitest"

import { CATALOGUE_FILE, collectErrors, renderCatalogue } from "../../src/scripts/error-catalogue"
import { ROOT } from "../support/server"

describe("error catalogue", () => {
  it("is current: every type raised in the sources is listed with its status", () => {
    const entries = collectErrors(ROOT)
    expect(entries.length).toBeGreaterThan(50)
    expect(entries).toContainEqual(expect.objectContaining({ plugin: "pos", type: "idempotency_conflict", statuses: [409] }))
    expect(fs.readFileSync(path.join(ROOT, CATALOGUE_FILE), "utf8"), "docs/openapi/errors.md is stale: run npm run errors").toBe(renderCatalogue(entries))
  })

  it("is linked from every OpenAPI description", () => {
    const dir = path.join(ROOT, "docs/openapi")
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".yaml"))) {
      expect(fs.readFileSync(path.join(dir, file), "utf8"), file).toContain("errors.md")
    }
  })
})
