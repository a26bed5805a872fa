/**
 * The cached CMS fragments against Medusa's /health in one run at 32
 * connections: the server in production mode with Redis on a fresh copy of
 * the test template, load from a second process (autocannon, loopback only).
 * Goal (issue 17): news and FAQ fragments each at least 0.8 × /health. Each route
 * also gets the Medusa process's CPU time per request (a figure the other tenants
 * of a shared machine do not distort) and, for reference, a 404 under /store:
 * the cost of Medusa's /store stack alone, which every /store route pays.
 *
 * Then the WordPress render time: a real WordPress (tests/support/wordpress.ts,
 * the same setup as the WordPress test) with our plugin pointed at this server
 * renders one page with our shortcodes ([cm_news], [cm_faq], [cm_events],
 * [cm_booking]) and the same page without them, alternately, BENCH_WP_RENDERS
 * times each (default 60, after 5 of each to warm up): median and p95 of the
 * full page (request to last byte) and the ratios, with the fragments in
 * WordPress's transients (the normal case) and with the cache lifetime at 0
 * (every render fetches the three fragments from this server). Without
 * Debian's wordpress and php the WordPress part is skipped with a note.
 *
 * Run: npx tsx bench/storefront.ts   (BENCH_SECONDS=10 by default; needs a built dist)
 *
 * The per-IP limit of the public routes is lifted for the run (all load comes from one address).
 */
import { bootServer, cpu_ms, medusaPid, percentile, request, runLoad, runMain } from "./lib"
import type { LoadOutcome, LoadPhase } from "./load-child"
import { publishPage, startWordPress } from "../tests/support/wordpress"
import type { WordPress } from "../tests/support/wordpress"

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const CONNECTIONS = 32
const GOAL = 0.8
const WP_RENDERS = Number(process.env.BENCH_WP_RENDERS ?? 60)
const WP_WARMUP = 5

async function main(): Promise<void> {
  const bench = await bootServer("storefront", { CMS_RATE_LIMIT: "1000000000" })
  try {
    const url = bench.server.url
    for (let i = 0; i < 10; i++) {
      await request(url, "POST", "/admin/cms/news", { token: bench.adminToken, body: { title: `News ${i}`, body: `Text **${i}** with a [link](https://example.com/${i}).\n\n- one\n- two` } })
      await request(url, "POST", "/admin/cms/faq", { token: bench.adminToken, body: { question: `Question ${i}?`, answer: `Answer *${i}*.`, category: i % 2 ? "Opening" : null } })
    }
    const phase = (p: string): LoadPhase => ({ url, method: "GET", path: p, targets: [], connections: CONNECTIONS, seconds: SECONDS })
    const medusa = medusaPid(bench.server.process.pid!)
    const cpu: Record<string, number> = {}
    /** One phase after a short warm-up, with the Medusa process's CPU time per request (other tenants of the machine do not change it). */
    const measured = async (p: string): Promise<LoadOutcome> => {
      await runLoad({ ...phase(p), seconds: 2 })
      const before = cpu_ms(medusa)
      const r = await runLoad(phase(p))
      cpu[p] = (cpu_ms(medusa) - before) / Math.max(1, r.requests)
      return r
    }
    const health = await measured("/health")
    const news = await measured("/store/cms/news?locale=de&format=html")
    const faq = await measured("/store/cms/faq?locale=de&format=html")
    // Medusa's /store stack alone (CORS, customer authentication, 404): the floor of any /store route.
    const storeFloor = await measured("/store/cms-bench-no-such-route")
    const row = (name: string, p: string, r: LoadOutcome) =>
      console.log(
        `${name.padEnd(34)} ${r.rps.toFixed(0).padStart(7)} req/s  p50 ${String(r.p50_ms).padStart(4)} ms  p99 ${String(r.p99_ms).padStart(4)} ms  CPU ${cpu[p].toFixed(3)} ms/req  non-2xx ${r.non2xx}  errors ${r.errors}`
      )
    row("/health", "/health", health)
    row("/store/cms/news?format=html", "/store/cms/news?locale=de&format=html", news)
    row("/store/cms/faq?format=html", "/store/cms/faq?locale=de&format=html", faq)
    row("/store/<no such route> (404)", "/store/cms-bench-no-such-route", storeFloor)
    const ratioNews = news.rps / health.rps
    const ratioFaq = faq.rps / health.rps
    console.log(`news / health ${ratioNews.toFixed(2)}, faq / health ${ratioFaq.toFixed(2)} (goal ≥ ${GOAL})`)
    console.log(
      `by CPU per request: news ${(cpu["/health"] / cpu["/store/cms/news?locale=de&format=html"]).toFixed(2)}, faq ${(cpu["/health"] / cpu["/store/cms/faq?locale=de&format=html"]).toFixed(2)} × /health; Medusa's /store floor ${(cpu["/health"] / cpu["/store/cms-bench-no-such-route"]).toFixed(2)} × /health`
    )
    if (news.non2xx || faq.non2xx || ratioNews < GOAL || ratioFaq < GOAL) process.exitCode = 1

    await wordpressRenders(url)
  } finally {
    await bench.stop()
  }
}

type Timing = { median: number; p95: number }

function timing(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b)
  return { median: percentile(sorted, 50), p95: percentile(sorted, 95) }
}

/** One full page from WordPress, request to last byte, in ms; fails unless it is a 200 that holds `expect`. */
async function render(wp: WordPress, id: string, expect: string | null): Promise<number> {
  const started = performance.now()
  const res = await fetch(`${wp.url}/?page_id=${id}`)
  const html = await res.text()
  const ms = performance.now() - started
  if (res.status !== 200 || (expect !== null && !html.includes(expect))) throw new Error(`page ${id}: ${res.status}, ${expect} missing`)
  if (expect === null && html.includes("cm-news")) throw new Error(`page ${id} carries our content`)
  return ms
}

/** Renders both pages alternately (so both see the same machine load) and answers their timings. */
async function alternate(wp: WordPress, withId: string, withoutId: string): Promise<{ with: Timing; without: Timing }> {
  const on: number[] = []
  const off: number[] = []
  for (let i = 0; i < WP_WARMUP + WP_RENDERS; i++) {
    const a = await render(wp, withId, "cm-news__item")
    const b = await render(wp, withoutId, null)
    if (i >= WP_WARMUP) {
      on.push(a)
      off.push(b)
    }
  }
  return { with: timing(on), without: timing(off) }
}

async function wordpressRenders(url: string): Promise<void> {
  let wp: WordPress
  try {
    wp = await startWordPress({ title: "Bench Café" })
  } catch (e) {
    console.log(`WordPress render time: skipped (${(e as Error).message.split("\n")[0]})`)
    return
  }
  try {
    const configure = (cacheSeconds: number) =>
      wp.php(`update_option('customer_modules_settings', ['url' => '${url}', 'locale' => 'de', 'cache_seconds' => ${cacheSeconds}]); update_option('customer_modules_generation', (int) get_option('customer_modules_generation', 0) + 1);`)
    wp.php(`require_once ABSPATH . 'wp-admin/includes/plugin.php'; $r = activate_plugin('customer-modules/customer-modules.php'); if (is_wp_error($r)) { echo $r->get_error_message(); exit(1); }`)
    const text = [1, 2, 3].map((i) => `<!-- wp:paragraph -->\n<p>Absatz ${i}: Willkommen im Café, wir freuen uns auf Ihren Besuch.</p>\n<!-- /wp:paragraph -->`).join("\n\n")
    const ours = ["[cm_news]", "[cm_faq]", "[cm_events]", '[cm_booking location="loc_bench"]'].join("\n\n")
    const withId = publishPage(wp, "Mit Inhalten", `${text}\n\n${ours}`)
    const withoutId = publishPage(wp, "Ohne Inhalte", text)

    configure(300)
    const cached = await alternate(wp, withId, withoutId)
    configure(0)
    const uncached = await alternate(wp, withId, withoutId)

    const row = (name: string, t: Timing, base: Timing) =>
      console.log(`${name.padEnd(44)} median ${t.median.toFixed(1).padStart(6)} ms  p95 ${t.p95.toFixed(1).padStart(6)} ms  × ${(t.median / base.median).toFixed(2)} (median), × ${(t.p95 / base.p95).toFixed(2)} (p95)`)
    console.log(`WordPress page render, ${WP_RENDERS} renders each (php -S, twentytwentythree):`)
    row("without our shortcodes", cached.without, cached.without)
    row("with them, fragments in transients", cached.with, cached.without)
    row("without our shortcodes (second series)", uncached.without, uncached.without)
    row("with them, cache lifetime 0 (3 fetches)", uncached.with, uncached.without)
  } finally {
    await wp.stop()
  }
}

runMain(main)
