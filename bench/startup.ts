/**
 * Server cold start and memory: boots the built server on a copy of the test
 * template (external PostgreSQL + Redis), measures the time until /health answers
 * and the resident memory of the Medusa process after start and after 200 requests.
 * Run: npm run bench:startup
 */
import { execFileSync } from "child_process"
import fs from "fs"

import { bootServer, fmt, runMain } from "./lib"

const RUNS = Number(process.env.BENCH_RUNS ?? 3)

/** Resident memory (MiB) of one process. */
function rssMiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf-8")
  return Number(status.match(/VmRSS:\s+(\d+)/)?.[1] ?? 0) / 1024
}

/** The Medusa server: the entry point's child running `medusa start`. */
function serverPid(cli: number): number {
  const children = execFileSync("pgrep", ["-P", String(cli)]).toString().trim().split("\n").map(Number)
  const server = children.find((pid) => fs.readFileSync(`/proc/${pid}/cmdline`, "utf-8").includes("start"))
  if (!server) {
    throw new Error("no medusa server process found")
  }
  return server
}

async function main(): Promise<void> {
  console.log(`Cold start of the built server (external PostgreSQL + Redis), ${RUNS} runs:`)
  console.log("  run   start s   RSS after start MiB   RSS after 200 requests MiB   (server process only)")
  for (let run = 1; run <= RUNS; run++) {
    const t0 = performance.now()
    const bench = await bootServer(`startup${run}`)
    const start_s = (performance.now() - t0) / 1000
    const server = serverPid(bench.server.process.pid!)
    const afterStart = rssMiB(server)
    for (let i = 0; i < 200; i++) {
      await fetch(`${bench.server.url}/store/products?limit=10`).then((r) => r.text())
    }
    const afterLoad = rssMiB(server)
    console.log(`  ${String(run).padStart(3)} ${fmt(start_s, 2)} ${fmt(afterStart).padStart(20)} ${fmt(afterLoad).padStart(28)}`)
    await bench.stop()
  }
  console.log("  (start includes the entry point's no-op migration check, ~2 s, and copying the template database)")
}

runMain(main)
