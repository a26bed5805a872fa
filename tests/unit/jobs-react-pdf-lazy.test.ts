/**
 * react-pdf stays out of the API's thread (decision 165): document kinds are built from
 * jobs' primitives, which are react-pdf's own element types, and registering every kind
 * (as the plugins' loaders do at boot) loads no react-pdf. Against the compiled plugins.
 */
import { execFileSync } from "child_process"
import { createRequire } from "module"
import path from "path"

import { describe, expect, it } from "vitest"

import { ROOT } from "../support/server"

const jobsDir = path.join(ROOT, "src/plugins/jobs")
// eslint-disable-next-line @typescript-eslint/no-require-imports
const primitives = require(path.join(jobsDir, "dist/pdf/primitives")) as Record<string, unknown>

describe("react-pdf in the API's thread", () => {
  it("builds documents from react-pdf's own element types and StyleSheet", async () => {
    const reactPdf = (await import(createRequire(path.join(jobsDir, "package.json")).resolve("@react-pdf/renderer"))) as Record<string, any>
    for (const name of ["Document", "Page", "View", "Text", "Image", "Link"]) {
      expect(primitives[name], name).toBe(reactPdf[name])
    }
    const styles = { page: { padding: 10 } }
    expect((primitives.StyleSheet as typeof reactPdf.StyleSheet).create(styles)).toEqual(reactPdf.StyleSheet.create(styles))
  })

  it("registers every document kind without loading react-pdf", () => {
    const script = `
      const path = require("path")
      const plugins = ${JSON.stringify(path.join(ROOT, "src/plugins"))}
      require(path.join(plugins, "jobs/dist/index.js"))
      for (const loader of ["debtor/dist/loaders/registrations", "event/dist/loaders/registrations", "gift-card/dist/loaders/registrations", "gift-card/dist/loaders/shop-documents", "loyalty/dist/loaders/registrations"]) {
        require(path.join(plugins, loader)).default()
      }
      const jobs = require(path.join(plugins, "jobs/dist/index.js"))
      const kinds = ["invoice", "statement", "voucher", "gift_card_blank_sheet", "gift_card_postal_labels", "event_participants", "birthday_letter", "birthday_letters"].filter((k) => jobs.registeredDocumentKind(k))
      const loaded = Object.keys(require.cache).filter((f) => f.includes("@react-pdf"))
      console.log(JSON.stringify({ kinds, loaded }))`
    const out = JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf-8" }).trim().split("\n").pop()!)
    expect(out.kinds).toHaveLength(8)
    expect(out.loaded).toEqual([])
  })
})
