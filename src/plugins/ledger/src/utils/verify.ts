import type { LedgerVerification } from "../types"
import { toSafeInteger } from "./bigint"

/** Runs one SQL statement and returns its rows (a TypeORM manager or a pg client). */
export type Query = (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>

const MAX_REPORTED = 1000

/**
 * Checks every account against its transactions: the balance must equal the
 * sum of the amounts, and every transaction's balance_after must be the one
 * before it plus its amount. Used by the admin route and `npm run ledger:verify`.
 */
export async function verifyLedger(query: Query): Promise<LedgerVerification> {
  const [{ accounts, transactions }] = await query(
    `SELECT (SELECT count(*) FROM value_account) AS accounts, (SELECT count(*) FROM ledger_transaction) AS transactions`
  )
  const mismatches = await query(
    `SELECT a.id AS account_id, a.balance, COALESCE(t.total, 0) AS transactions_sum
       FROM value_account a
       LEFT JOIN (SELECT account_id, SUM(amount) AS total FROM ledger_transaction GROUP BY account_id) t
         ON t.account_id = a.id
      WHERE a.balance <> COALESCE(t.total, 0)
      ORDER BY a.id
      LIMIT ${MAX_REPORTED}`
  )
  const brokenChains = await query(
    `SELECT account_id, id AS transaction_id, balance_after, expected
       FROM (SELECT account_id, id, balance_after,
                    COALESCE(LAG(balance_after) OVER (PARTITION BY account_id ORDER BY seq), 0) + amount AS expected
               FROM ledger_transaction) chain
      WHERE balance_after <> expected
      ORDER BY account_id, transaction_id
      LIMIT ${MAX_REPORTED}`
  )
  return {
    checked_accounts: toSafeInteger(accounts as string),
    checked_transactions: toSafeInteger(transactions as string),
    mismatches: mismatches.map((m) => {
      const balance = toSafeInteger(m.balance as string)
      const sum = toSafeInteger(m.transactions_sum as string)
      return { account_id: String(m.account_id), balance, transactions_sum: sum, difference: balance - sum }
    }),
    broken_chains: brokenChains.map((b) => ({
      account_id: String(b.account_id),
      transaction_id: String(b.transaction_id),
      balance_after: toSafeInteger(b.balance_after as string),
      expected: toSafeInteger(b.expected as string),
    })),
  }
}
