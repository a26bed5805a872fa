/**
 * What anyone on the internet can do with no key and no login: forge tokens, rely on
 * default secrets, start a server that was left unconfigured.
 */
import { spawn } from "child_process"
import { createHmac, randomUUID } from "crypto"
import path from "path"

import { describe, expect, it } from "vitest"

import { adminApi, adminToken, api } from "../support/api"
import { ROOT, TEST_SECRETS } from "../support/server"

/** An HS256 JWT as Medusa signs its admin tokens. */
function signJwt(payload: Record<string, unknown>, secret: string): string {
  const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url")
  const unsigned = `${part({ alg: "HS256", typ: "JWT" })}.${part({ iat: Math.floor(Date.now() / 1000), ...payload })}`
  return `${unsigned}.${createHmac("sha256", secret).update(unsigned).digest("base64url")}`
}

/** Runs the entry point with exactly `env` (plus PATH) until it exits; its exit code and output. */
function runEntryPoint(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, "dist", "scripts", "cli.js"), "start"], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", MEDUSA_DISABLE_TELEMETRY: "true", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    })
    let output = ""
    child.stdout.on("data", (c: Buffer) => (output += c.toString()))
    child.stderr.on("data", (c: Buffer) => (output += c.toString()))
    const timer = setTimeout(() => child.kill("SIGKILL"), 90_000)
    child.on("exit", (code) => {
      clearTimeout(timer)
      resolve({ code, output })
    })
  })
}

describe("internet: secrets and forged admin tokens", () => {
  it("refuses a token signed with the old default secret", async () => {
    const forged = signJwt({ user_id: "usr_forged", domain: "admin" }, "supersecret")
    const res = await api("/admin/pos/terminals", { token: forged })
    expect(res.status).toBe(401)
  })

  it("refuses a correctly signed token for a user that does not exist", async () => {
    const forged = signJwt({ user_id: `usr_${randomUUID().replace(/-/g, "")}`, domain: "admin" }, TEST_SECRETS.JWT_SECRET)
    expect((await api("/admin/pos/terminals", { token: forged })).status).toBe(401)
    // The real admin's token still opens the same route.
    expect((await adminApi("/admin/pos/terminals")).status).toBe(200)
  })

  it("refuses the token of a user deleted after it was issued", async () => {
    const email = `gone-${randomUUID().slice(0, 8)}@example.com`
    const created = await adminApi("/admin/users", { body: { email, password: "a-long-password-1", role: "member" } })
    expect(created.status).toBe(200)
    const token = await adminToken({ email, password: "a-long-password-1" })
    expect((await api("/admin/pos/terminals", { token })).status).toBe(200)

    expect((await adminApi(`/admin/users/${created.body.user.id}`, { method: "DELETE" })).status).toBe(200)
    expect((await api("/admin/pos/terminals", { token })).status).toBe(401)
  })

  it("refuses a store-domain token on the admin API", async () => {
    const forged = signJwt({ customer_id: "cus_x", domain: "store" }, TEST_SECRETS.JWT_SECRET)
    expect((await api("/admin/pos/terminals", { token: forged })).status).toBe(401)
  })

  it("will not start against a real database without secrets, whatever NODE_ENV says", { timeout: 120_000 }, async () => {
    for (const NODE_ENV of ["development", ""]) {
      const { code, output } = await runEntryPoint({
        NODE_ENV,
        DATABASE_URL: "postgres://postgres@127.0.0.1:5432/cm_never_used",
        PORT: "1",
      })
      expect(code).toBe(1)
      expect(output).toContain("JWT_SECRET is unset or left at its default; refusing to start")
      expect(output).not.toContain("Server ready")
    }
  })

  it("will not start with a short secret", { timeout: 120_000 }, async () => {
    const { code, output } = await runEntryPoint({
      DATABASE_URL: "postgres://postgres@127.0.0.1:5432/cm_never_used",
      JWT_SECRET: "supersecret",
      COOKIE_SECRET: TEST_SECRETS.COOKIE_SECRET,
      PORT: "1",
    })
    expect(code).toBe(1)
    expect(output).toContain("JWT_SECRET is shorter than 32 characters")
  })
})
