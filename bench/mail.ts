/**
 * Mail throughput into a local smtp-server sink, two ways:
 *  1. the pooled SMTP transport itself (the jobs plugin's Mailer: compose the
 *     MIME message, deliver over its pool), many mails at once;
 *  2. end to end through the queue: boots the built server (PostgreSQL, Redis,
 *     BullMQ), enqueues mails over the admin API and measures until the sink has
 *     received them all.
 * Run: npm run bench:mail  (after npm run build; BENCH_COUNT mails each way)
 */
import fs from "fs"
import os from "os"
import path from "path"

import { bootServer, fmt, percentile, request } from "./lib"
import { Mailer } from "../src/plugins/jobs/src/mail/mailer"
import { startSmtpSink } from "../tests/support/smtp-sink"


const COUNT = Number(process.env.BENCH_COUNT ?? 1000)
/**
 * Admin enqueues at a time. (Ten at once once took the database pool of ten and hung,
 * decision 160; since decision 178 an enqueue holds no connection of the wrapper's.)
 */
const PARALLEL = 10
const TRANSPORT_PARALLEL = 32

/** The transport alone: COUNT mails composed and delivered, TRANSPORT_PARALLEL at a time, over the pooled connections. */
async function transportOnly(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cm-bench-smtp-"))
  const sink = await startSmtpSink(dir)
  const mailer = new Mailer(`smtp://127.0.0.1:${sink.port}`, path.join(dir, "out"))
  try {
    const send = async (i: number) => {
      const raw = await mailer.compose({
        from: "bench@example.test",
        to: `guest${i}@example.test`,
        subject: `Bench ${i}`,
        html: `<p>Hallo ${i}!</p>`,
        text: `Hallo ${i}!`,
        messageId: `<bench-${i}@customer-modules>`,
        attachments: [],
      })
      await mailer.deliver(raw, { from: "bench@example.test", to: `guest${i}@example.test` })
    }
    await Promise.all(Array.from({ length: 16 }, (_, i) => send(-1 - i))) // opens the pool
    let next = 0
    const started = performance.now()
    await Promise.all(
      Array.from({ length: TRANSPORT_PARALLEL }, async () => {
        while (next < COUNT) {
          await send(next++)
        }
      })
    )
    const seconds = (performance.now() - started) / 1000
    console.log(`${COUNT} mails over the pooled SMTP transport into a local smtp-server sink (${TRANSPORT_PARALLEL} at a time, load average ${os.loadavg()[0].toFixed(1)})`)
    console.log(`  mails/s transport ${fmt(COUNT / seconds)}`)
  } finally {
    mailer.close()
    await sink.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

async function main(): Promise<void> {
  await transportOnly()
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
    console.log(`\n${COUNT} generic mails end to end: admin API, BullMQ, worker (MAIL_CONCURRENCY default), pooled SMTP, sink`)
    console.log(`  enqueue p50 ms ${fmt(percentile(enqueue_ms, 50))}   p95 ms ${fmt(percentile(enqueue_ms, 95))}   (${PARALLEL} parallel admin requests)`)
    console.log(`  mails/s end to end ${fmt(COUNT / ((done - started) / 1000))}   all enqueued after s ${fmt((enqueued - started) / 1000)}   all delivered after s ${fmt((done - started) / 1000)}`)
  } finally {
    await bench.stop()
    await sink.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e)
    process.exit(1)
  }
)
