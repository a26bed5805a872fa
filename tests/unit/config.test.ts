import { execFileSync } from "child_process"
import path from "path"

import { describe, expect, it } from "vitest"

const ROOT = path.resolve(__dirname, "..", "..")

/** Loads medusa-config.js in a child process with exactly `env` and returns what it exports. */
function loadConfig(env: Record<string, string>): any {
  const out = execFileSync(
    process.execPath,
    ["-e", "process.stdout.write(JSON.stringify(require('./medusa-config.js')))"],
    { cwd: ROOT, env: { PATH: process.env.PATH ?? "", ...env }, stdio: "pipe" }
  )
  return JSON.parse(out.toString())
}

function configError(env: Record<string, string>): string {
  try {
    loadConfig(env)
  } catch (e) {
    return (e as { stderr: Buffer }).stderr.toString()
  }
  throw new Error("the configuration loaded")
}

const SECRETS = { JWT_SECRET: "j".repeat(32), COOKIE_SECRET: "c".repeat(32) }
const DB = { DATABASE_URL: "postgres://x@127.0.0.1/db", ...SECRETS }
const NO_SECRETS = { DATABASE_URL: DB.DATABASE_URL }

describe("medusa-config.js", () => {
  it("refuses to start in production with the default JWT secret", () => {
    expect(configError({ ...NO_SECRETS, NODE_ENV: "production", COOKIE_SECRET: "c".repeat(32) })).toContain(
      "JWT_SECRET is unset or left at its default"
    )
  })

  it("refuses to start in production with the default cookie secret", () => {
    expect(configError({ ...NO_SECRETS, NODE_ENV: "production", JWT_SECRET: "j".repeat(32) })).toContain(
      "COOKIE_SECRET is unset or left at its default"
    )
  })

  it("refuses to start without secrets whatever NODE_ENV says", () => {
    for (const NODE_ENV of ["development", "test", ""]) {
      expect(configError({ ...NO_SECRETS, NODE_ENV, COOKIE_SECRET: "c".repeat(32) })).toContain("JWT_SECRET is unset")
      expect(configError({ ...NO_SECRETS, NODE_ENV, JWT_SECRET: "j".repeat(32) })).toContain("COOKIE_SECRET is unset")
    }
  })

  it("refuses secrets shorter than 32 characters, the old default among them", () => {
    expect(configError({ ...DB, JWT_SECRET: "supersecret" })).toContain("JWT_SECRET is shorter than 32 characters")
    expect(configError({ ...DB, COOKIE_SECRET: "c".repeat(31) })).toContain("COOKIE_SECRET is shorter than 32 characters")
  })

  it("starts in production with secrets of its own", () => {
    const config = loadConfig({ ...DB, NODE_ENV: "production" })
    expect(config.projectConfig.jwt_secret).toBe("j".repeat(32))
  })

  it("starts with secrets of its own without NODE_ENV", () => {
    const config = loadConfig(DB)
    expect(config.projectConfig.jwt_secret).toBe("j".repeat(32))
    expect(config.projectConfig.cookie_secret).toBe("c".repeat(32))
  })

  it("gives the embedded demo's admin the password the entry point made, unless ADMIN_PASSWORD is set", () => {
    const coreOf = (env: Record<string, string>) =>
      loadConfig({ ...DB, CM_EMBEDDED: "1", CM_DEMO_ADMIN_PASSWORD: "made-at-first-start", ...env }).plugins.find(
        (p: { resolve?: string }) => p.resolve === "@customer-modules/core"
      ).options
    expect(coreOf({}).adminUser).toEqual({ email: "admin@example.com", password: "made-at-first-start" })
    expect(coreOf({ ADMIN_PASSWORD: "mine-123456" }).adminUser.password).toBe("mine-123456")
  })

  it("uses the Redis event bus and cache when REDIS_URL is set", () => {
    const config = loadConfig({ ...DB, REDIS_URL: "redis://127.0.0.1:6379" })
    expect(config.projectConfig.redis_url).toBe("redis://127.0.0.1:6379")
    expect(config.modules.eventBus.resolve).toBe("@medusajs/event-bus-redis")
    expect(config.modules.cacheService.resolve).toBe("@medusajs/cache-redis")
  })

  it("falls back to the local event bus and in-memory cache without Redis", () => {
    const config = loadConfig(DB)
    expect(config.projectConfig.redis_url).toBeUndefined()
    expect(config.modules.eventBus.resolve).toBe("@medusajs/event-bus-local")
    expect(config.modules.cacheService.resolve).toBe("@medusajs/cache-inmemory")
  })

  it("loads every plugin under src/plugins, the admin UI for those with admin pages", () => {
    const config = loadConfig(DB)
    const core = config.plugins.find((p: { resolve?: string }) => p.resolve === "@customer-modules/core")
    expect(core.options).toMatchObject({ enableUI: true })
    expect(config.plugins).toEqual(expect.arrayContaining([expect.objectContaining({ resolve: "@medusajs/admin" })]))
  })

  it("passes ADMIN_EMAIL and ADMIN_PASSWORD to the core plugin", () => {
    const config = loadConfig({ ...DB, ADMIN_EMAIL: "boss@example.com", ADMIN_PASSWORD: "pw-123456" })
    const core = config.plugins.find((p: { resolve?: string }) => p.resolve === "@customer-modules/core")
    expect(core.options.adminUser).toEqual({ email: "boss@example.com", password: "pw-123456" })
  })

  it("reads PORT-independent CORS settings from the environment", () => {
    const config = loadConfig({ ...DB, STORE_CORS: "https://shop.example", ADMIN_CORS: "https://admin.example" })
    expect(config.projectConfig.store_cors).toBe("https://shop.example")
    expect(config.projectConfig.admin_cors).toBe("https://admin.example")
  })
  it("gives every plugin the public address for links in mails, from PUBLIC_URL or the port", () => {
    const loyaltyOf = (env: Record<string, string>) =>
      loadConfig({ ...DB, ...env }).plugins.find((p: { resolve?: string }) => p.resolve === "@customer-modules/loyalty").options
    expect(loyaltyOf({}).publicUrl).toBe("http://localhost:9000")
    expect(loyaltyOf({ PORT: "9100" }).publicUrl).toBe("http://localhost:9100")
    expect(loyaltyOf({ PUBLIC_URL: "https://shop.example.com/api/" }).publicUrl).toBe("https://shop.example.com/api")
    expect(configError({ ...DB, PUBLIC_URL: "shop.example.com" })).toContain("PUBLIC_URL must be an http(s) address")
  })

  it("in production and for the demo logs warnings and no line per request unless LOG_LEVEL asks for more", () => {
    const SECRETS = { NODE_ENV: "production", JWT_SECRET: "j".repeat(32), COOKIE_SECRET: "c".repeat(32) }
    expect(loggingOf({ ...DB, ...SECRETS })).toEqual({ level: "warn", accessLog: false })
    expect(loggingOf({ ...DB, ...SECRETS, LOG_LEVEL: "info" })).toEqual({ level: "info", accessLog: false })
    expect(loggingOf({ ...DB, ...SECRETS, LOG_LEVEL: "http" })).toEqual({ level: "http", accessLog: true })
    // The demo's `npm start` (no NODE_ENV) is as quiet as production (issue 19); development and the test servers are verbose.
    expect(loggingOf(DB)).toEqual({ level: "warn", accessLog: false })
    expect(loggingOf({ ...DB, NODE_ENV: "development" })).toEqual({ level: "silly", accessLog: true })
    expect(configError({ ...DB, LOG_LEVEL: "loud" })).toContain("LOG_LEVEL must be one of")
  })

  it("stores a session only when something is put in it", () => {
    expect(loadConfig(DB).projectConfig.session_options).toEqual({ saveUninitialized: false, resave: false })
  })
})

/** Medusa's log level and whether morgan's "combined" access log writes a line, after loading the config with `env`. */
function loggingOf(env: Record<string, string>): { level: string; accessLog: boolean } {
  const script = `require('./medusa-config.js')
    const morgan = require('morgan')
    const quiet = typeof morgan.combined === 'function' && morgan.combined() === null
    const level = require('@medusajs/medusa-cli/dist/reporter').default.loggerInstance_.level
    process.stdout.write(JSON.stringify({ level, accessLog: !quiet }))`
  const out = execFileSync(process.execPath, ["-e", script], { cwd: ROOT, env: { PATH: process.env.PATH ?? "", ...env }, stdio: "pipe" })
  return JSON.parse(out.toString())
}
