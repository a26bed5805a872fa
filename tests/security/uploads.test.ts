/**
 * Files uploaded through Medusa's own POST /admin/uploads (any type) and served
 * by @medusajs/file-local from the server's origin: a page or an SVG among
 * them must not run script there (core's upload guard).
 */
import { describe, expect, inject, it } from "vitest"

import { adminToken } from "../support/api"

const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64")

/** Uploads one file through Medusa's route and answers the path it is served at. */
async function uploaded(name: string, type: string, bytes: Buffer | string): Promise<string> {
  const form = new FormData()
  form.append("files", new Blob([bytes], { type }), name)
  const res = await fetch(`${inject("baseUrl")}/admin/uploads`, { method: "POST", body: form, headers: { authorization: `Bearer ${await adminToken()}` } })
  const body = await res.json()
  expect(res.status, JSON.stringify(body)).toBe(200)
  return new URL(body.uploads[0].url).pathname
}

describe("files from Medusa's upload folder", () => {
  it("serve an uploaded HTML page as a sandboxed download, never as a page of this origin", async () => {
    const path = await uploaded("evil.html", "text/html", "<script>fetch('/admin/users')</script>")
    const res = await fetch(`${inject("baseUrl")}${path}`)
    expect(res.status).toBe(200)
    expect(res.headers.get("content-security-policy")).toMatch(/^sandbox;.*default-src 'none'/)
    expect(res.headers.get("x-content-type-options")).toBe("nosniff")
    expect(res.headers.get("content-disposition")).toBe("attachment")
  })

  it("serve an SVG with script the same way", async () => {
    const path = await uploaded("logo.svg", "image/svg+xml", '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    const res = await fetch(`${inject("baseUrl")}${path}`)
    expect(res.status).toBe(200)
    expect(res.headers.get("content-security-policy")).toMatch(/^sandbox;/)
    expect(res.headers.get("content-disposition")).toBe("attachment")
  })

  it("still serve raster images inline, byte for byte, for <img> on other sites", async () => {
    const path = await uploaded("photo.png", "image/png", PNG)
    const res = await fetch(`${inject("baseUrl")}${path}`, { headers: { origin: "https://merchant.example" } })
    expect(res.status).toBe(200)
    expect(res.headers.get("content-type")).toBe("image/png")
    expect(res.headers.get("content-disposition")).toBeNull()
    expect(res.headers.get("cross-origin-resource-policy")).toBeNull()
    expect(Buffer.from(await res.arrayBuffer()).equals(PNG)).toBe(true)
  })
})
