/**
 * Reversal rules: a till's `POST /store/pos/transactions/:id/reverse` goes
 * through the plugin that owns the account's kind (decision 74). Each plugin
 * registers, from its loader, the rule for its kinds: the scope a till needs
 * for it and the reversal itself, which emits the owner's event and applies
 * the owner's rules. pos keeps only the till's part (key, location, window).
 */
import type { EntityManager } from "typeorm"

import type { AccountKind, LedgerTransactionDTO, TransactionContext, ValueAccountDTO } from "@customer-modules/ledger"

import type { PosScope } from "./scopes"

/** What a rule gets besides the movement to undo. */
export type ReversalContext = {
  /** The request's transaction: the reversal and the owner's events commit together. */
  manager: EntityManager
  /** The request's container, to resolve the owner's services. */
  container: { resolve<T>(name: string): T }
  /** The till's attribution (location, terminal, staff) for the new entry. */
  tx: TransactionContext
  /** What the till gave as the reason, or null: the original's reference is kept then. */
  reference: string | null
  /** The account of the movement, as it was read before the reversal. */
  account: ValueAccountDTO
}

export type ReversalResult = { transaction: LedgerTransactionDTO; already_reversed: boolean }

export type ReversalRule = {
  /** The ledger account kind this rule reverses (one owner per kind). */
  kind: AccountKind
  /** The owning plugin. */
  plugin: string
  /** The scope a till's key needs to reverse this movement (e.g. a top-up and a charge need different ones). */
  scope(original: LedgerTransactionDTO): PosScope
  /** Reverses the movement in `ctx.manager`'s transaction (the ledger's `reverse`, the owner's event and rules). */
  reverse(original: LedgerTransactionDTO, ctx: ReversalContext): Promise<ReversalResult>
}

const rules = new Map<string, ReversalRule>()

/** Registers the reversal rule of an account kind (idempotent for the same plugin; another plugin's kind throws). */
export function registerReversalRule(rule: ReversalRule): void {
  const taken = rules.get(rule.kind)
  if (taken && taken.plugin !== rule.plugin) {
    throw new Error(`The reversal of ${rule.kind} movements is already registered by ${taken.plugin}`)
  }
  rules.set(rule.kind, rule)
}

/** The rule for an account kind, or undefined when no installed plugin reverses it. */
export function reversalRuleFor(kind: AccountKind | string): ReversalRule | undefined {
  return rules.get(kind)
}

/** The registered rules' kinds with their owners, by kind. */
export function listReversalRules(): { kind: string; plugin: string }[] {
  return [...rules.values()].map((r) => ({ kind: r.kind, plugin: r.plugin })).sort((a, b) => a.kind.localeCompare(b.kind))
}

type EventBus = { withTransaction(m: EntityManager): { emit(event: string, data: unknown): Promise<unknown> } }
type Ledger = {
  withTransaction(m: EntityManager): { reverse(id: string, ctx: TransactionContext): Promise<ReversalResult & { account: ValueAccountDTO }> }
}

/**
 * The usual `reverse` of a rule: the ledger's reversal (at most once, under the
 * account's row lock) in the request's transaction, then, when it is new, the
 * owner's `event` with `{ account_id, customer_id, transaction_id, reverses_id,
 * amount, currency_code, location_id }` in the same transaction. `check` runs
 * first and may refuse (a DomainError) by the owner's rules.
 */
export function ledgerReversal(
  event: string,
  check?: (original: LedgerTransactionDTO, ctx: ReversalContext) => Promise<void> | void
): ReversalRule["reverse"] {
  return async (original, ctx) => {
    await check?.(original, ctx)
    const result = await ctx.container
      .resolve<Ledger>("valueAccountService")
      .withTransaction(ctx.manager)
      .reverse(original.id, { ...ctx.tx, reference: ctx.reference })
    if (!result.already_reversed) {
      await ctx.container.resolve<EventBus>("eventBusService").withTransaction(ctx.manager).emit(event, {
        account_id: result.account.id,
        customer_id: result.account.customer_id,
        transaction_id: result.transaction.id,
        reverses_id: original.id,
        amount: result.transaction.amount,
        currency_code: result.account.currency_code,
        location_id: ctx.tx.location_id ?? null,
      })
    }
    return { transaction: result.transaction, already_reversed: result.already_reversed }
  }
}
