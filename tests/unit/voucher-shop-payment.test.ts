/**
 * The voucher shop's payment step and blank-voucher PINs, as pure logic: which
 * providers need a top-level page, the sealed PINs of the print sheet, and
 * medusa-config.js loading Stripe only with all its keys.
 */
import { execFileSync } from "child_process"
import path from "path"

import { describe, expect, it } from "vitest"

import { topLevelProviders, traitsOf } from "../../src/plugins/gift-card/src/utils/payment-providers"
import { PinSeal } from "../../src/plugins/gift-card/src/utils/sealed-pin"

const ROOT = path.resolve(__dirname, "..", "..")
const SECRETS = { JWT_SECRET: "j".repeat(32), COOKIE_SECRET: "c".repeat(32), DATABASE_URL: "postgres://x@127.0.0.1/db" }

type Plugin = string | { resolve: string; options: Record<string, any> }

function loadConfig(env: Record<string, string>): { plugins: Plugin[] } {
  const out = execFileSync(process.execPath, ["-e", "process.stdout.write(JSON.stringify(require('./medusa-config.js')))"], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", CM_WITHOUT_ADMIN: "1", ...SECRETS, ...env },
    stdio: "pipe",
  })
  return JSON.parse(out.toString())
}

describe("payment provider properties", () => {
  it("mark Stripe's providers as needing a top-level page by default, and the manual one not", () => {
    const defaults = topLevelProviders(undefined)
    expect(traitsOf("stripe", defaults)).toEqual({ id: "stripe", top_level: true, client: "stripe" })
    expect(traitsOf("stripe-ideal", defaults)).toEqual({ id: "stripe-ideal", top_level: true, client: "stripe" })
    expect(traitsOf("manual", defaults)).toEqual({ id: "manual", top_level: false, client: "direct" })
  })

  it("take the configured list instead when one is given", () => {
    const configured = topLevelProviders(" manual , paypal ")
    expect(traitsOf("manual", configured).top_level).toBe(true)
    expect(traitsOf("paypal", configured).top_level).toBe(true)
    expect(traitsOf("stripe", configured)).toEqual({ id: "stripe", top_level: false, client: "stripe" })
    expect(topLevelProviders("")).toEqual(topLevelProviders(undefined))
  })
})

describe("sealed blank-voucher PINs", () => {
  it("open for their serial under the same secret, and for nothing else", () => {
    const seal = new PinSeal("s".repeat(32))
    const sealed = seal.seal("100001", "12345678")
    expect(sealed).not.toContain("12345678")
    expect(seal.open("100001", sealed)).toBe("12345678")
    expect(seal.open("100002", sealed)).toBeNull()
    expect(new PinSeal("t".repeat(32)).open("100001", sealed)).toBeNull()
    expect(seal.open("100001", null)).toBeNull()
    expect(seal.open("100001", sealed.slice(0, -2) + "AA")).toBeNull()
    expect(seal.seal("100001", "12345678")).not.toBe(sealed)
  })
})

describe("Stripe in medusa-config.js", () => {
  const KEYS = { STRIPE_API_KEY: "sk_test_x", STRIPE_WEBHOOK_SECRET: "whsec_x", STRIPE_PUBLISHABLE_KEY: "pk_test_x" }
  const stripeOf = (c: ReturnType<typeof loadConfig>) => c.plugins.find((p) => typeof p !== "string" && p.resolve === "medusa-payment-stripe")
  const giftCardOf = (c: ReturnType<typeof loadConfig>) => c.plugins.find((p) => typeof p !== "string" && p.resolve === "@customer-modules/gift-card") as { options: Record<string, unknown> }

  it("is not loaded without its keys", () => {
    const config = loadConfig({})
    expect(stripeOf(config)).toBeUndefined()
    expect(giftCardOf(config).options.stripePublishableKey).toBeUndefined()
  })

  it("is loaded with all its keys, capturing unless told not to; the shop gets the publishable key only", () => {
    const config = loadConfig(KEYS)
    expect(stripeOf(config)).toEqual({ resolve: "medusa-payment-stripe", options: { api_key: "sk_test_x", webhook_secret: "whsec_x", capture: true, automatic_payment_methods: true } })
    expect(giftCardOf(config).options).toEqual(expect.objectContaining({ stripePublishableKey: "pk_test_x" }))
    expect(JSON.stringify(giftCardOf(config).options)).not.toContain("sk_test_x")
    const authorizeOnly = stripeOf(loadConfig({ ...KEYS, STRIPE_CAPTURE: "0" }))
    expect(typeof authorizeOnly === "string" ? authorizeOnly : authorizeOnly?.options.capture).toBe(false)
  })

  it("refuses to start with only some of its keys", () => {
    const partials: Record<string, string>[] = [{ STRIPE_API_KEY: "sk_test_x" }, { STRIPE_API_KEY: "sk_test_x", STRIPE_WEBHOOK_SECRET: "whsec_x" }, { STRIPE_WEBHOOK_SECRET: "whsec_x" }]
    for (const partial of partials) {
      expect(() => loadConfig(partial), JSON.stringify(partial)).toThrow(/Stripe needs STRIPE_API_KEY, STRIPE_WEBHOOK_SECRET and STRIPE_PUBLISHABLE_KEY together/)
    }
  })
})
