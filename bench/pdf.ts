/**
 * PDF rendering throughput, two ways:
 *  1. in a plain node child: 20-line invoices one after the other on the main
 *     thread (as before), then through the render pool (worker threads, one per
 *     core) with the main thread's event-loop lag measured meanwhile;
 *  2. on the real server: POS redemptions' p50/p99 alone, then during a burst
 *     of invoice documents queued over the admin API, and the server's
 *     invoices/s for that burst.
 * Run: npm run bench:pdf  (after npm run build; BENCH_COUNT, BENCH_BURST, BENCH_SERVER=0 to skip part 2)
 */
import { spawnSync } from "child_process"
import os from "os"
import path from "path"

import { Client } from "pg"

import { bootServer, fmt, load, LoadResult, request } from "./lib"

const COUNT = Number(process.env.BENCH_COUNT ?? 100)
const BURST = Number(process.env.BENCH_BURST ?? 150)
const TILLS = 4
const BASELINE_S = 5

const branding = { logo: null, primary_color: "#1f2937", secondary_color: "#f59e0b", footer_text: null, default_locale: "de", tax_number: null, bank_name: null, reply_to: null, updated_at: null, sender_name: "Café Müller", company_address: ["Marktplatz 1", "10115 Berlin"], vat_id: "DE123456789", iban: "DE89370400440532013000", bic: "COBADEFFXXX" }

function invoice(n: number) {
  return {
    number: `RE-2026-${String(n).padStart(5, "0")}`,
    issue_date: "2026-01-31",
    delivery_date: "2026-01-31",
    due_date: "2026-02-14",
    currency_code: "EUR",
    buyer: { name: "Anna Beispiel", address_lines: ["Musterstraße 1", "10115 Berlin"] },
    lines: Array.from({ length: 20 }, (_, i) => ({ description: `Position ${i + 1}: Mittagsmenü mit Getränk`, quantity: 1 + (i % 3), unit_price_minor: 990 + i * 35, tax_rate: i % 2 ? 19 : 7 })),
  }
}

/**
 * The measurement runs in a plain `node` child: tsx's module hooks break
 * @react-pdf's ESM resolution, and the server runs the compiled code with node too.
 * CPU ms are the process's user+system time (all threads) per document: less
 * sensitive to a loaded machine than wall-clock time.
 */
const CHILD = `
const dist = ${JSON.stringify(path.resolve(__dirname, "../src/plugins/jobs/dist/pdf"))}
const { renderDocument } = require(dist + "/render")
const { RenderPool } = require(dist + "/pool")
// The invoice is the debtor's registered document kind (decision 73), loaded as its loader does.
require(dist + "/../registry").registerDocumentKind(require.resolve(${JSON.stringify(path.resolve(__dirname, "../src/plugins/debtor/dist/documents/invoice"))}))
const [branding, invoices, threads] = JSON.parse(require("fs").readFileSync(0, "utf-8"))
const cpu = (since) => { const u = process.cpuUsage(since); return (u.user + u.system) / 1000 }
;(async () => {
  await renderDocument("invoice", invoices[0], branding)
  const rssBefore = process.memoryUsage().rss
  const durations = []
  let bytes = 0
  let c0 = process.cpuUsage()
  let started = performance.now()
  for (const inv of invoices.slice(1)) {
    const t = performance.now()
    bytes += (await renderDocument("invoice", inv, branding)).length
    durations.push(performance.now() - t)
  }
  const sequential = { seconds: (performance.now() - started) / 1000, cpu_ms: cpu(c0), durations, bytes }

  const pool = new RenderPool(threads)
  await Promise.all(Array.from({ length: threads * 2 }, (_, i) => pool.render("invoice", invoices[i], branding)))
  let maxLag = 0
  let last = performance.now()
  const timer = setInterval(() => { const now = performance.now(); maxLag = Math.max(maxLag, now - last - 10); last = now }, 10)
  c0 = process.cpuUsage()
  started = performance.now()
  await Promise.all(invoices.slice(1).map((inv) => pool.render("invoice", inv, branding)))
  const pooled = { seconds: (performance.now() - started) / 1000, cpu_ms: cpu(c0), maxLag }
  clearInterval(timer)
  await pool.close()
  process.stdout.write(JSON.stringify({ sequential, pooled, threads: pool.size, rssBefore, rssAfter: process.memoryUsage().rss }))
})().catch((e) => { console.error(e); process.exit(1) })
`

function renderInChild(): void {
  const invoices = Array.from({ length: COUNT + 1 }, (_, i) => invoice(i))
  const threads = Math.max(1, os.availableParallelism())
  const child = spawnSync(process.execPath, ["-e", CHILD], {
    input: JSON.stringify([branding, invoices, threads]),
    env: { ...process.env, NODE_OPTIONS: "" },
    encoding: "utf-8",
    maxBuffer: 64 * 1024 * 1024,
  })
  if (child.status !== 0) {
    throw new Error(`render child failed: ${child.error?.message ?? child.stderr}`)
  }
  const r = JSON.parse(child.stdout) as {
    sequential: { seconds: number; cpu_ms: number; durations: number[]; bytes: number }
    pooled: { seconds: number; cpu_ms: number; maxLag: number }
    threads: number
    rssBefore: number
    rssAfter: number
  }
  const d = r.sequential.durations.sort((a, b) => a - b)
  const mib = (b: number) => b / 1024 / 1024
  console.log(`20-line invoices, ${COUNT} each way (plain node, compiled plugin, ${os.availableParallelism()} cores, load average ${os.loadavg()[0].toFixed(1)})`)
  console.log(`  main thread, one after the other   invoices/s ${fmt(COUNT / r.sequential.seconds)}   p50 ms ${fmt(d[Math.floor(COUNT / 2)])}   p95 ms ${fmt(d[Math.floor(COUNT * 0.95)])}   CPU ms/invoice ${fmt(r.sequential.cpu_ms / COUNT)}`)
  console.log(`  render pool, ${r.threads} thread(s)            invoices/s ${fmt(COUNT / r.pooled.seconds)}   CPU ms/invoice ${fmt(r.pooled.cpu_ms / COUNT)}   main event-loop lag max ms ${fmt(r.pooled.maxLag)}`)
  console.log(`  avg PDF KiB ${fmt(r.sequential.bytes / COUNT / 1024)}   RSS MiB after warm-up ${fmt(mib(r.rssBefore))}   after run ${fmt(mib(r.rssAfter))}`)
}

async function burstOnServer(): Promise<void> {
  const bench = await bootServer("pdf")
  const { url } = bench.server
  const admin = (method: string, p: string, body?: unknown) => request(url, method, p, { body, token: bench.adminToken })
  const db = new Client({ connectionString: bench.databaseUrl })
  await db.connect()
  try {
    const location = (await admin("POST", "/admin/pos/locations", { name: "Bench", time_zone: "Europe/Berlin" })).body.location
    const key = (await admin("POST", "/admin/pos/terminals", { name: "till", location_id: location.id, scopes: ["gift_card"] })).body.key
    const codes: string[] = []
    for (let i = 0; i < TILLS; i++) {
      codes.push((await request(url, "POST", "/store/pos/gift-cards", { token: key, body: { amount: 1_000_000_000, currency_code: "eur" } })).body.gift_card.code)
    }
    const redeem = (w: number) => request(url, "POST", `/store/pos/gift-cards/${codes[w]}/redeem`, { token: key, body: { amount: 1 } }).then((r) => r.status === 200)
    await load(TILLS, 2, redeem) // warm-up
    const alone = await load(TILLS, BASELINE_S, redeem)

    const rendered = async () =>
      Number((await db.query(`SELECT count(*) AS n FROM job_document WHERE key LIKE 'bench:pdf:%' AND status = 'rendered'`)).rows[0].n)
    const started = performance.now()
    for (let i = 0; i < BURST; i += 10) {
      await Promise.all(
        Array.from({ length: Math.min(10, BURST - i) }, (_, j) =>
          admin("POST", "/admin/jobs/documents", { key: `bench:pdf:${i + j}`, kind: "invoice", data: invoice(i + j) }).then((r) => {
            if (r.status !== 202) throw new Error(`enqueue answered ${r.status}`)
          })
        )
      )
    }
    // Tills keep redeeming while the burst renders.
    let during: LoadResult | null = null
    const tills = (async () => {
      during = await load(TILLS, BASELINE_S, redeem)
    })()
    while ((await rendered()) < BURST) {
      if (performance.now() - started > 300_000) throw new Error(`only ${await rendered()} of ${BURST} documents rendered`)
      await new Promise((r) => setTimeout(r, 100))
    }
    const seconds = (performance.now() - started) / 1000
    await tills
    const d = during as unknown as LoadResult
    console.log(`\nOn the server (shared mode, render threads: one per core): ${BURST} invoices queued over the admin API while ${TILLS} tills redeem`)
    console.log(`  invoices/s rendered and stored ${fmt(BURST / seconds)}   (all done after s ${fmt(seconds)})`)
    console.log(`  POS redeem alone        ops/s ${fmt(alone.tps)}   p50 ms ${fmt(alone.p50)}   p99 ms ${fmt(alone.p99)}   errors ${alone.errors}`)
    console.log(`  POS redeem during burst ops/s ${fmt(d.tps)}   p50 ms ${fmt(d.p50)}   p99 ms ${fmt(d.p99)}   errors ${d.errors}`)
  } finally {
    await db.end()
    await bench.stop()
  }
}

async function main(): Promise<void> {
  renderInChild()
  if (process.env.BENCH_SERVER !== "0") {
    await burstOnServer()
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e)
    process.exit(1)
  }
)
