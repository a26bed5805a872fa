/**
 * The cached CMS fragments against Medusa's /health in one run at 32
 * connections: the server in production mode with Redis on a fresh copy of
 * the test template, load from a second process (autocannon, loopback only).
 * Goal (issue 17): news and FAQ fragments each at least 0.8 × /health.
 * Run: npx tsx bench/storefront.ts   (BENCH_SECONDS=10 by default; needs a built dist)
 *
 * The per-IP limit of the public routes is lifted for the run (all load comes from one address).
 */
import { spawn } from "child_process"
import path from "path"

import { bootServer, request } from "./lib"
import type { LoadOutcome, LoadPhase } from "./load-child"
import { ROOT } from "../tests/support/server"

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const CONNECTIONS = 32
const GOAL = 0.8

function runLoad(phase: LoadPhase): Promise<LoadOutcome> {
  const tsx = path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs")
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [tsx, path.join(__dirname, "load-child.ts"), JSON.stringify(phase)], { stdio: ["ignore", "pipe", "inherit"] })
    let out = ""
    child.stdout.on("data", (d) => (out += d))
    child.on("exit", (code) => {
      const line = out.trim().split("\n").pop()
      if (code === 0 && line) resolve(JSON.parse(line) as LoadOutcome)
      else reject(new Error(`load generator exited ${code}: ${out}`))
    })
  })
}

async function main(): Promise<void> {
  const bench = await bootServer("storefront", { CMS_RATE_LIMIT: "1000000000" })
  try {
    const url = bench.server.url
    for (let i = 0; i < 10; i++) {
      await request(url, "POST", "/admin/cms/news", { token: bench.adminToken, body: { title: `News ${i}`, body: `Text **${i}** with a [link](https://example.com/${i}).\n\n- one\n- two` } })
      await request(url, "POST", "/admin/cms/faq", { token: bench.adminToken, body: { question: `Question ${i}?`, answer: `Answer *${i}*.`, category: i % 2 ? "Opening" : null } })
    }
    const phase = (p: string): LoadPhase => ({ url, method: "GET", path: p, targets: [], connections: CONNECTIONS, seconds: SECONDS })
    await runLoad({ ...phase("/health"), seconds: 3 })
    const health = await runLoad(phase("/health"))
    const news = await runLoad(phase("/store/cms/news?locale=de&format=html"))
    const faq = await runLoad(phase("/store/cms/faq?locale=de&format=html"))
    const row = (name: string, r: LoadOutcome) =>
      console.log(`${name.padEnd(34)} ${r.rps.toFixed(0).padStart(7)} req/s  p50 ${String(r.p50_ms).padStart(4)} ms  p99 ${String(r.p99_ms).padStart(4)} ms  non-2xx ${r.non2xx}  errors ${r.errors}`)
    row("/health", health)
    row("/store/cms/news?format=html", news)
    row("/store/cms/faq?format=html", faq)
    const ratioNews = news.rps / health.rps
    const ratioFaq = faq.rps / health.rps
    console.log(`news / health ${ratioNews.toFixed(2)}, faq / health ${ratioFaq.toFixed(2)} (goal ≥ ${GOAL})`)
    if (news.non2xx || faq.non2xx || ratioNews < GOAL || ratioFaq < GOAL) process.exitCode = 1
  } finally {
    await bench.stop()
  }
}

void main()
