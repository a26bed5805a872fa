/**
 * What a terminal key may do; a key carries one or more scopes. The scopes of
 * the first plugins are named here; every other plugin registers its own from
 * its loader (`registerPosScope`), so adding a module never edits pos.
 */
export type ScopeLabel = { de: string; en: string; pt: string }
export type PosScopeDefinition = { scope: string; plugin: string; label: ScopeLabel }

/** The scopes of the first plugins (reserved names). */
export const POS_SCOPES = ["gift_card", "prepaid_charge", "prepaid_topup", "loyalty", "debtor", "feedback"] as const

/** A built-in scope, or one a plugin registered (checked at run time by `isPosScope`). */
export type PosScope = (typeof POS_SCOPES)[number] | (string & {})

const SCOPE = /^[a-z][a-z0-9_]{1,39}$/

const scopes = new Map<string, PosScopeDefinition>(
  (
    [
      ["gift_card", "gift-card", { de: "Gutscheine verkaufen und einlösen", en: "Sell and redeem gift vouchers", pt: "Vender e resgatar vales" }],
      ["prepaid_charge", "prepaid", { de: "Mit Prepaid-Karte bezahlen", en: "Pay with prepaid cards", pt: "Pagar com cartões pré-pagos" }],
      ["prepaid_topup", "prepaid", { de: "Prepaid-Karten aufladen", en: "Top up prepaid cards", pt: "Carregar cartões pré-pagos" }],
      ["loyalty", "loyalty", { de: "Kundenkarten und Bonuspunkte", en: "Loyalty cards and points", pt: "Cartões de cliente e pontos" }],
      ["debtor", "debtor", { de: "Kauf auf Rechnung und Kundenkonten", en: "Sales on invoice and customer accounts", pt: "Vendas a crédito e contas de cliente" }],
      ["feedback", "feedback", { de: "Feedback-Terminal und Kontrollen", en: "Feedback terminal and staff checks", pt: "Terminal de feedback e controlos" }],
    ] as const
  ).map(([scope, plugin, label]) => [scope, { scope, plugin, label }])
)

/** Registers a plugin's scope (idempotent for the same plugin; a name taken by another plugin throws). */
export function registerPosScope(def: PosScopeDefinition): void {
  if (!SCOPE.test(def.scope)) {
    throw new Error(`POS scope ${JSON.stringify(def.scope)}: use 2 to 40 characters a-z, 0-9 and _ , starting with a letter`)
  }
  const taken = scopes.get(def.scope)
  if (taken && taken.plugin !== def.plugin) {
    throw new Error(`POS scope ${def.scope} is already registered by ${taken.plugin}`)
  }
  scopes.set(def.scope, { scope: def.scope, plugin: def.plugin, label: { ...def.label } })
}

export function isPosScope(value: unknown): value is PosScope {
  return typeof value === "string" && scopes.has(value)
}

/** Every scope a key can carry, by plugin then name, with its label in de/en/pt. */
export function listPosScopes(): PosScopeDefinition[] {
  return [...scopes.values()].sort((a, b) => a.plugin.localeCompare(b.plugin) || a.scope.localeCompare(b.scope))
}
