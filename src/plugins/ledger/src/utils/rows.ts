import type { CardDTO, CardIdentifierDTO, CardSummary, CodeRangeDTO, LedgerTransactionDTO, ValueAccountDTO } from "../types"
import { toSafeInteger } from "./bigint"

/**
 * Rows as the ledger's raw SQL returns them (plain rows or `row_to_json`):
 * bigints as strings or numbers, instants as Date or ISO strings.
 */
type Row = Record<string, unknown>

const instant = (v: unknown): Date => (v instanceof Date ? v : new Date(String(v)))
const maybeInstant = (v: unknown): Date | null => (v === null || v === undefined ? null : instant(v))
const int = (v: unknown): number => toSafeInteger(v as string | number)
const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v))
const json = (v: unknown): Record<string, unknown> | null => (v && typeof v === "object" ? (v as Record<string, unknown>) : null)

export function toAccountDTO(r: Row): ValueAccountDTO {
  return {
    id: String(r.id),
    kind: r.kind as ValueAccountDTO["kind"],
    currency_code: String(r.currency_code),
    customer_id: str(r.customer_id),
    status: r.status as ValueAccountDTO["status"],
    lower_bound: int(r.lower_bound),
    balance: int(r.balance),
    expires_at: maybeInstant(r.expires_at),
    metadata: json(r.metadata),
    created_at: instant(r.created_at),
    updated_at: instant(r.updated_at),
  }
}

export function toTransactionDTO(r: Row): LedgerTransactionDTO {
  return {
    id: String(r.id),
    account_id: String(r.account_id),
    type: r.type as LedgerTransactionDTO["type"],
    amount: int(r.amount),
    balance_after: int(r.balance_after),
    currency_code: String(r.currency_code),
    reverses_id: str(r.reverses_id),
    reference: str(r.reference),
    location_id: str(r.location_id),
    terminal_id: str(r.terminal_id),
    staff_id: str(r.staff_id),
    metadata: json(r.metadata),
    created_at: instant(r.created_at),
  }
}

export function toIdentifierDTO(r: Row): CardIdentifierDTO {
  return {
    id: String(r.id),
    card_id: String(r.card_id),
    kind: r.kind as CardIdentifierDTO["kind"],
    value: String(r.value),
    normalized: String(r.normalized),
  }
}

export function toCardDTO(r: Row, identifiers: CardIdentifierDTO[]): CardDTO {
  return { ...toCardSummary(r), identifiers }
}

/** A card's own row, without its identifiers. */
export function toCardSummary(r: Row): CardSummary {
  return {
    id: String(r.id),
    kind: r.kind as CardDTO["kind"],
    code: String(r.code),
    status: r.status as CardDTO["status"],
    customer_id: str(r.customer_id),
    account_id: str(r.account_id),
    replaced_by_id: str(r.replaced_by_id),
    metadata: json(r.metadata),
    created_at: instant(r.created_at),
    updated_at: instant(r.updated_at),
  }
}

export function toRangeDTO(r: Row): CodeRangeDTO {
  return {
    id: String(r.id),
    name: String(r.name),
    card_kind: r.card_kind as CodeRangeDTO["card_kind"],
    prefix: String(r.prefix),
    start: int(r.start),
    end: int(r.end),
    next: int(r.next),
    width: int(r.width),
    created_at: instant(r.created_at),
  }
}
