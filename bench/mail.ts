/**
 * Mail throughput through the queue: boots the built server (PostgreSQL, Redis,
 * BullMQ) with a local smtp-server sink, enqueues mails over the admin API and
 * measures until the sink has received them all.
 * Run: npm run bench:mail  (after npm run build)
 */
import fs from "fs"
import os from "os"
import path from "path"

import { bootServer, fmt, percentile, request } from "./lib"
import { startSmtpSink } from "../tests/support/smtp-sink"


const COUNT = Number(process.env.BENCH_COUNT ?? 300)
const PARALLEL = 10

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cm-bench-mail-"))
  const sink = await startSmtpSink(dir)
  const bench = await bootServer("mail", { SMTP_URL: `smtp://127.0.0.1:${sink.port}`, MAIL_FROM: "bench@example.test", DATA_DIR: dir })
  try {
    const { url } = bench.server
    const enqueue_ms: number[] = []
    const started = performance.now()
    for (let i = 0; i < COUNT; i += PARALLEL) {
      await Promise.all(
        Array.from({ length: Math.min(PARALLEL, COUNT - i) }, async (_, j) => {
          const t = performance.now()
          const res = await request(url, "POST", "/admin/jobs/mails", {
            token: bench.adminToken,
            body: { key: `bench:${i + j}`, kind: "generic", to: `guest${i + j}@example.test`, locale: "de", data: { subject: `Bench ${i + j}`, body: "Hallo!" } },
          })
          if (res.status !== 202) throw new Error(`enqueue answered ${res.status}`)
          enqueue_ms.push(performance.now() - t)
        })
      )
    }
    const enqueued = performance.now()
    const received = () => fs.readdirSync(sink.dir).filter((f) => f.endsWith(".eml")).length
    while (received() < COUNT) {
      if (performance.now() - started > 300_000) throw new Error(`only ${received()} of ${COUNT} mails arrived`)
      await new Promise((r) => setTimeout(r, 50))
    }
    const done = performance.now()
    enqueue_ms.sort((a, b) => a - b)
    console.log(`${COUNT} generic mails through BullMQ into a local smtp-server sink (worker concurrency 4, pooled SMTP)`)
    console.log(`  enqueue p50 ms ${fmt(percentile(enqueue_ms, 50))}   p95 ms ${fmt(percentile(enqueue_ms, 95))}   (${PARALLEL} parallel admin requests)`)
    console.log(`  mails/s end to end ${fmt(COUNT / ((done - started) / 1000))}   all enqueued after s ${fmt((enqueued - started) / 1000)}   all delivered after s ${fmt((done - started) / 1000)}`)
  } finally {
    await bench.stop()
    await sink.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
