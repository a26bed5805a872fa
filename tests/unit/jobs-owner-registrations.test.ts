/**
 * What the first plugins register from their own folder (decision 74), as
 * their compiled loaders do at start: their mail and document kinds (listed
 * once each, with their owner) and the reversal rule of each account kind,
 * which names the scope a till needs. Another plugin cannot take either.
 */
import path from "path"

import { describe, expect, it } from "vitest"

import { ROOT } from "../support/server"

// eslint-disable-next-line @typescript-eslint/no-require-imports
const dist = (plugin: string, file: string) => require(path.join(ROOT, "src/plugins", plugin, "dist", file))
const registry = dist("jobs", "registry")
const reversals = dist("pos", "reversals")
for (const owner of ["debtor", "gift-card", "prepaid", "loyalty"]) {
  dist(owner, "loaders/registrations").default()
}

describe("the first plugins' registrations", () => {
  it("defines every moved kind in its owner's folder, listed once with that owner", () => {
    const owners: Record<string, string> = {
      invoice: "debtor",
      invoice_reminder: "debtor",
      credit_note: "debtor",
      statement: "debtor",
      account_statement: "debtor",
      voucher: "gift-card",
      prepaid_receipt: "prepaid",
      birthday: "loyalty",
      points_expiry: "loyalty",
      reactivation: "loyalty",
    }
    const { mail_kinds, document_kinds } = registry.listKinds()
    for (const [kind, plugin] of Object.entries(owners)) {
      expect(registry.registeredMailKind(kind)?.plugin).toBe(plugin)
      expect(mail_kinds.filter((k: { kind: string }) => k.kind === kind)).toEqual([{ kind, plugin, registered: false }])
    }
    for (const [kind, plugin] of Object.entries({ invoice: "debtor", statement: "debtor", voucher: "gift-card", birthday_letter: "loyalty", birthday_letters: "loyalty" })) {
      expect(registry.registeredDocumentKind(kind)?.def.plugin).toBe(plugin)
      expect(document_kinds.filter((k: { kind: string }) => k.kind === kind)).toHaveLength(1)
    }
  })

  it("routes each account kind's reversal to its owner, with the scope a till needs", () => {
    expect(reversals.listReversalRules()).toEqual([
      { kind: "customer_account", plugin: "debtor" },
      { kind: "gift_card", plugin: "gift-card" },
      { kind: "points", plugin: "loyalty" },
      { kind: "prepaid_card", plugin: "prepaid" },
    ])
    const scope = (kind: string, amount: number) => reversals.reversalRuleFor(kind).scope({ amount })
    expect(scope("prepaid_card", 500)).toBe("prepaid_topup")
    expect(scope("prepaid_card", -500)).toBe("prepaid_charge")
    expect(scope("gift_card", -500)).toBe("gift_card")
    expect(scope("points", 10)).toBe("loyalty")
    expect(scope("customer_account", -500)).toBe("debtor")
    expect(reversals.reversalRuleFor("no_such_kind")).toBeUndefined()
  })

  it("refuses a kind or a reversal another plugin owns", () => {
    const rule = reversals.reversalRuleFor("gift_card")
    expect(() => reversals.registerReversalRule({ ...rule, plugin: "fixture" })).toThrow(/gift-card/)
    expect(() => registry.registerMailKind({ ...registry.registeredMailKind("voucher"), plugin: "fixture" })).toThrow(/gift-card/)
  })
})
