/**
 * `npm run ledger:verify`: checks every value account against its transactions
 * and prints what differs. Exit code 0 when everything adds up, 1 otherwise.
 */
import { Client } from "pg"

import { verifyLedger } from "../utils/verify"

async function main(): Promise<number> {
  const url = process.env.DATABASE_URL
  if (!url) {
    throw new Error("DATABASE_URL is not set")
  }
  const client = new Client({ connectionString: url })
  await client.connect()
  try {
    const report = await verifyLedger(async (sql, params) => (await client.query(sql, params)).rows)
    console.log(`ledger: ${report.checked_accounts} accounts, ${report.checked_transactions} transactions checked`)
    for (const m of report.mismatches) {
      console.log(`  MISMATCH ${m.account_id}: balance ${m.balance}, transactions sum ${m.transactions_sum} (difference ${m.difference})`)
    }
    for (const b of report.broken_chains) {
      console.log(`  BROKEN CHAIN ${b.account_id} at ${b.transaction_id}: balance_after ${b.balance_after}, expected ${b.expected}`)
    }
    const ok = !report.mismatches.length && !report.broken_chains.length
    console.log(ok ? "ledger: every account adds up" : "ledger: DIFFERENCES FOUND")
    return ok ? 0 : 1
  } finally {
    await client.end()
  }
}

main().then(
  (code) => process.exit(code),
  (e: Error) => {
    console.error(`ledger:verify failed: ${e.message}`)
    process.exit(2)
  }
)
