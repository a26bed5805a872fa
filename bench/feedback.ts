/**
 * Feedback tablets under load: responses per second at 32 tablets (one
 * connection each, a fresh client id per response) beside Medusa's
 * `/store/regions` in the same run, and the delay from a response's answer to
 * its event on the admin's live stream (p50/p99 over sequential responses
 * while the stream is open). Production mode with Redis, on a fresh copy of
 * the test template; load from a second process (autocannon, loopback only).
 * Run: npx tsx bench/feedback.ts   (BENCH_SECONDS=10 by default; needs a built dist)
 */
import os from "os"

import { bootServer, percentile, request, runLoad, runMain } from "./lib"
import type { LoadOutcome, LoadPhase } from "./load-child"

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const TABLETS = 32
const WARMUP_S = 3
/** Responses timed one after another for the stream delay. */
const STREAM_SAMPLES = 300

/** Opens the admin's live stream; resolves each awaited response id with the instant its event arrived. */
async function openStream(url: string, token: string, questionnaireId: string) {
  const controller = new AbortController()
  const res = await fetch(`${url}/admin/feedback/stream?questionnaire_id=${questionnaireId}`, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal })
  if (res.status !== 200 || !res.body) throw new Error(`stream: ${res.status}`)
  const reader = res.body.getReader()
  const decoder = new TextDecoder()
  const waiting = new Map<string, (at: number) => void>()
  const arrived = new Map<string, number>()
  let ready: () => void = () => undefined
  const isReady = new Promise<void>((r) => (ready = r))
  let buffer = ""
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }))
      if (done) return
      const now = performance.now()
      buffer += decoder.decode(value, { stream: true })
      let end: number
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end)
        buffer = buffer.slice(end + 2)
        if (block.includes("event: ready")) ready()
        const data = /^data: (.*)$/m.exec(block)?.[1]
        if (block.includes("event: response") && data) {
          const id = (JSON.parse(data) as { id: string }).id
          arrived.set(id, now)
          waiting.get(id)?.(now)
        }
      }
    }
  })()
  await isReady
  return {
    arrival: (id: string) => (arrived.has(id) ? Promise.resolve(arrived.get(id)!) : new Promise<number>((r) => waiting.set(id, r))),
    close: () => controller.abort(),
  }
}

async function main(): Promise<void> {
  const bench = await bootServer("feedback", process.env.BENCH_ENV ? JSON.parse(process.env.BENCH_ENV) : {})
  const { url } = bench.server
  const admin = (method: string, p: string, body?: unknown) => request(url, method, p, { body, token: bench.adminToken })
  try {
    const location = (await admin("POST", "/admin/pos/locations", { name: "Bench", time_zone: "Europe/Berlin" })).body.location
    const questionnaire = (
      await admin("POST", "/admin/feedback/questionnaires", {
        title: "Bench",
        definition: {
          questions: [
            { id: "mood", type: "smiley", title: { en: "How was it?" }, required: true },
            { id: "why", type: "text", title: { en: "Why?" }, show_if: { question: "mood", op: "lte", value: 2 } },
            { id: "nps", type: "nps", title: { en: "Recommend?" } },
          ],
        },
      })
    ).body.questionnaire
    const keys: string[] = []
    for (let i = 0; i < TABLETS; i++) {
      const made = (await admin("POST", "/admin/pos/terminals", { name: `tablet ${i}`, location_id: location.id, scopes: ["feedback"] })).body
      const put = await admin("PUT", `/admin/feedback/terminals/${made.terminal.id}`, { questionnaire_ids: [questionnaire.id] })
      if (put.status !== 200) throw new Error(`assigning: ${put.status} ${JSON.stringify(put.body)}`)
      keys.push(made.key)
    }
    const body = { questionnaire_id: questionnaire.id, version: 1, client_id: "{reference}", answered_at: new Date().toISOString(), answers: { mood: 4, nps: 9 } }
    const phases: Record<string, Omit<LoadPhase, "seconds">> = {
      "GET /store/regions": { url, method: "GET", path: "/store/regions", targets: [], connections: TABLETS },
      "POST responses": { url, method: "POST", path: "/store/pos/feedback/responses", body, targets: keys.map((key) => ({ key, code: "" })), connections: TABLETS },
    }
    const results: Record<string, LoadOutcome> = {}
    for (const [label, phase] of Object.entries(phases)) {
      await runLoad({ ...phase, seconds: WARMUP_S })
      results[label] = await runLoad({ ...phase, seconds: SECONDS })
    }

    // The live stream's delay: answer received → event received, one response at a time.
    const stream = await openStream(url, bench.adminToken, questionnaire.id)
    const delays: number[] = []
    for (let i = 0; i < STREAM_SAMPLES; i++) {
      const res = await request(url, "POST", "/store/pos/feedback/responses", {
        token: keys[i % keys.length],
        body: { ...body, client_id: `bench-stream-${i}-${Date.now()}` },
      })
      const answered = performance.now()
      if (res.status !== 201) throw new Error(`response: ${res.status} ${JSON.stringify(res.body)}`)
      const at = await stream.arrival(res.body.response.id)
      delays.push(Math.max(0, at - answered))
    }
    stream.close()
    delays.sort((a, b) => a - b)

    const stored = (await admin("GET", `/admin/feedback/questionnaires/${questionnaire.id}/results`)).body.responses
    const regions = results["GET /store/regions"].rps
    const pad = (s: string | number, n: number) => String(s).padStart(n)
    console.log(`\nFeedback tablets, ${TABLETS} connections, ${SECONDS} s per route (after ${WARMUP_S} s warm-up), production mode with Redis, ${os.cpus().length} cores\n`)
    console.log(`  ${"route".padEnd(20)} ${pad("req/s", 8)} ${pad("p50 ms", 8)} ${pad("p99 ms", 8)} ${pad("non-2xx", 8)} ${pad("errors", 7)} ${pad("×regions", 9)}`)
    for (const [label, r] of Object.entries(results)) {
      console.log(`  ${label.padEnd(20)} ${pad(r.rps.toFixed(0), 8)} ${pad(r.p50_ms.toFixed(1), 8)} ${pad(r.p99_ms.toFixed(1), 8)} ${pad(r.non2xx, 8)} ${pad(r.errors, 7)} ${pad((r.rps / regions).toFixed(2), 9)}`)
    }
    console.log(`\n  responses stored: ${stored}`)
    console.log(`  live stream delay (answer → event), ${STREAM_SAMPLES} responses: p50 ${percentile(delays, 50).toFixed(1)} ms, p99 ${percentile(delays, 99).toFixed(1)} ms, max ${delays[delays.length - 1].toFixed(1)} ms`)
  } finally {
    await bench.stop()
  }
}

runMain(main)
