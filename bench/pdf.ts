/**
 * PDF rendering throughput on one worker: 20-line invoices rendered one after
 * the other in this process (as one document worker does), plus its RSS.
 * Run: npm run bench:pdf  (after npm run build)
 */
import { spawnSync } from "child_process"
import path from "path"

import { fmt } from "./lib"

const COUNT = Number(process.env.BENCH_COUNT ?? 100)

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
 */
const CHILD = `
const { renderDocument } = require(${JSON.stringify(path.resolve(__dirname, "../src/plugins/jobs/dist/pdf/render"))})
const [branding, invoices] = JSON.parse(require("fs").readFileSync(0, "utf-8"))
;(async () => {
  await renderDocument("invoice", invoices[0], branding)
  const rssBefore = process.memoryUsage().rss
  const durations = []
  let bytes = 0
  const started = performance.now()
  for (const inv of invoices.slice(1)) {
    const t = performance.now()
    bytes += (await renderDocument("invoice", inv, branding)).length
    durations.push(performance.now() - t)
  }
  const seconds = (performance.now() - started) / 1000
  process.stdout.write(JSON.stringify({ seconds, durations, bytes, rssBefore, rssAfter: process.memoryUsage().rss }))
})().catch((e) => { console.error(e); process.exit(1) })
`

function main(): void {
  const invoices = Array.from({ length: COUNT + 1 }, (_, i) => invoice(i))
  const child = spawnSync(process.execPath, ["-e", CHILD], {
    input: JSON.stringify([branding, invoices]),
    env: { ...process.env, NODE_OPTIONS: "" },
    encoding: "utf-8",
    maxBuffer: 64 * 1024 * 1024,
  })
  if (child.status !== 0) {
    throw new Error(`render child failed: ${child.error?.message ?? child.stderr}`)
  }
  const r = JSON.parse(child.stdout) as { seconds: number; durations: number[]; bytes: number; rssBefore: number; rssAfter: number }
  const d = r.durations.sort((a, b) => a - b)
  const mib = (b: number) => b / 1024 / 1024
  console.log(`20-line invoices, ${COUNT} rendered sequentially on one worker (plain node, compiled plugin)`)
  console.log(`  invoices/s ${fmt(COUNT / r.seconds)}   p50 ms ${fmt(d[Math.floor(COUNT / 2)])}   p95 ms ${fmt(d[Math.floor(COUNT * 0.95)])}`)
  console.log(`  avg PDF KiB ${fmt(r.bytes / COUNT / 1024)}   RSS MiB after warm-up ${fmt(mib(r.rssBefore))}   after run ${fmt(mib(r.rssAfter))}`)
}

main()
