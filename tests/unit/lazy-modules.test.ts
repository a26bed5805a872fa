/**
 * Heavy modules load where first used, not at boot (decision 165): react-pdf stays out of the
 * API's thread (document kinds are built from jobs' primitives, react-pdf's own element types,
 * and registering every kind as the loaders do at boot loads no react-pdf); markdown-it and
 * sanitize-html load with the first Markdown rendered, qrcode with the first tablet pairing
 * (the QR itself: tests/integration/feedback.test.ts). Against the compiled plugins, each
 * check in a fresh node process.
 */
import { execFileSync } from "child_process"
import { createRequire } from "module"
import path from "path"

import { describe, expect, it } from "vitest"

import { ROOT } from "../support/server"

const jobsDir = path.join(ROOT, "src/plugins/jobs")

/** Runs `script` in a fresh node process; answers the JSON of its last line. */
function inFreshProcess(script: string): any {
  const out = execFileSync(process.execPath, ["-e", `const path = require("path"); const plugins = ${JSON.stringify(path.join(ROOT, "src/plugins"))}; ${script}`], {
    cwd: ROOT,
    encoding: "utf-8",
  })
  return JSON.parse(out.trim().split("\n").pop()!)
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const primitives = require(path.join(jobsDir, "dist/pdf/primitives")) as Record<string, unknown>

describe("heavy modules in the API's thread", () => {
  it("builds documents from react-pdf's own element types and StyleSheet", async () => {
    const reactPdf = (await import(createRequire(path.join(jobsDir, "package.json")).resolve("@react-pdf/renderer"))) as Record<string, any>
    for (const name of ["Document", "Page", "View", "Text", "Image", "Link"]) {
      expect(primitives[name], name).toBe(reactPdf[name])
    }
    const styles = { page: { padding: 10 } }
    expect((primitives.StyleSheet as typeof reactPdf.StyleSheet).create(styles)).toEqual(reactPdf.StyleSheet.create(styles))
  })

  it("registers every document kind without loading react-pdf", () => {
    const out = inFreshProcess(`
      require(path.join(plugins, "jobs/dist/index.js"))
      for (const loader of ["debtor/dist/loaders/registrations", "event/dist/loaders/registrations", "gift-card/dist/loaders/registrations", "gift-card/dist/loaders/shop-documents", "loyalty/dist/loaders/registrations"]) {
        require(path.join(plugins, loader)).default()
      }
      const jobs = require(path.join(plugins, "jobs/dist/index.js"))
      const kinds = ["invoice", "statement", "voucher", "gift_card_blank_sheet", "gift_card_postal_labels", "event_participants", "birthday_letter", "birthday_letters"].filter((k) => jobs.registeredDocumentKind(k))
      const loaded = Object.keys(require.cache).filter((f) => f.includes("@react-pdf"))
      console.log(JSON.stringify({ kinds, loaded }))`)
    expect(out.kinds).toHaveLength(8)
    expect(out.loaded).toEqual([])
  })

  it("loads markdown-it and sanitize-html with the first Markdown rendered, and renders it safely", () => {
    const out = inFreshProcess(`
      const core = require(path.join(plugins, "core/dist/index.js"))
      const loaded = () => Object.keys(require.cache).filter((f) => /node_modules\\/(markdown-it|sanitize-html)\\//.test(f)).length
      const atBoot = loaded()
      const html = core.markdownToHtml("**Hi** <script>alert(1)</script> [x](javascript:alert(1))")
      const text = core.markdownToText("**Hello** _world_")
      console.log(JSON.stringify({ atBoot, afterwards: loaded(), html, text }))`)
    expect(out.atBoot).toBe(0)
    expect(out.afterwards).toBeGreaterThan(0)
    expect(out.html).toContain("<strong>Hi</strong>")
    expect(out.html).toContain("&lt;script&gt;")
    expect(out.html).not.toMatch(/<script|href=/)
    expect(out.text).toBe("Hello world")
  })

  it("loads qrcode for a tablet's pairing only when a pairing code is made, not with the route", () => {
    const out = inFreshProcess(`
      require(path.join(plugins, "feedback/dist/api/admin/feedback/terminals/[terminal_id]/pairing/route.js"))
      console.log(JSON.stringify({ loaded: Object.keys(require.cache).filter((f) => f.includes("/node_modules/qrcode/")) }))`)
    expect(out.loaded).toEqual([])
  })
})
