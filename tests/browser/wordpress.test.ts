/**
 * The WordPress plugin in a real WordPress (Debian's `wordpress` package,
 * served by `php -S`, installed by its own installer into the machine's
 * MariaDB), driven in Chromium: activate and configure the plugin in the
 * admin, publish a page with the shortcodes and a block, and check that the
 * content is on the page in the theme's styles, that an edit appears after
 * the cache lifetime or a flush, that the page keeps the last content while
 * our server is stopped, that the booking element opens the booking page in a
 * frame, and that shortcode attributes are escaped.
 *
 * Our server is one of this file's own (it is stopped in the last test).
 */
import { ChildProcess, execFileSync, spawn } from "child_process"
import { randomBytes, randomUUID } from "crypto"
import fs from "fs"
import os from "os"
import path from "path"

import type { Browser, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest"

import { adminToken, api } from "../support/api"
import { launchBrowser } from "../support/browser"
import { ADMIN, createDatabaseFromTemplate, dropDatabase, ensureTemplate } from "../support/database"
import { eventually } from "../support/eventually"
import { freePort, ROOT, RunningServer, startServer } from "../support/server"

const WORDPRESS = "/usr/share/wordpress"
const PLUGIN = path.join(ROOT, "storefront-plugin", "wordpress", "customer-modules")
const WP_ADMIN = { user: "admin", password: `pw-${randomUUID()}` }

let server: RunningServer
let serverStopped = false
let database: string
let wpDatabase: string
let wpDir: string
let wpUrl: string
let php: ChildProcess | undefined
let browser: Browser
let page: Page
let token: string
let pageId: string
let plainPageId: string
let newsId: string
const marker = `wp${randomUUID().slice(0, 8)}`

function mysql(sql: string): void {
  execFileSync("mysql", ["-h", "127.0.0.1", "-P", "3306", "-u", "root", "-e", sql], { stdio: "pipe" })
}

/** Runs PHP inside this WordPress (as WP-CLI would), printing what the script echoes. */
function wpPhp(code: string, installing = false): string {
  const file = path.join(wpDir, `cli-${randomUUID()}.php`)
  const prelude = installing ? "define('WP_INSTALLING', true);\n" : ""
  fs.writeFileSync(file, `<?php\n$_SERVER['HTTP_HOST'] = '${new URL(wpUrl).host}';\n${prelude}require __DIR__ . '/wp-load.php';\n${code}\n`)
  try {
    return execFileSync("php", [file], { cwd: wpDir, encoding: "utf-8", stdio: ["ignore", "pipe", "pipe"] })
  } finally {
    fs.rmSync(file, { force: true })
  }
}

function admin(p: string, body?: unknown, method?: string) {
  return api(p, { baseUrl: server.url, token, body, method })
}

beforeAll(async () => {
  for (const need of [WORDPRESS, "/usr/bin/php", path.join(WORDPRESS, "wp-content", "themes", "twentytwentythree")]) {
    if (!fs.existsSync(need)) throw new Error(`${need} is missing: .ci/run installs Debian's wordpress, wordpress-theme-twentytwentythree, php-cli and php-mysql`)
  }
  database = `cm_wp_${Date.now().toString(36)}${process.pid}`
  await createDatabaseFromTemplate(await ensureTemplate(), database)
  server = await startServer({
    name: "wordpress",
    env: {
      DATABASE_URL: `${inject("databaseUrl").replace(/\/[^/]*$/, "")}/${database}`,
      REDIS_URL: inject("redisUrl"),
      REDIS_NAMESPACE: `cmwp-${database}`,
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
    },
  })
  token = await adminToken(ADMIN, server.url)
  newsId = (await admin("/admin/cms/news", { title: `${marker} Sommerfest`, body: "Am **Samstag** ab 18 Uhr." })).body.news.id
  expect((await admin("/admin/cms/faq", { question: `${marker} Parkplätze?`, answer: "Im Hof." })).status).toBe(201)

  // A WordPress of its own: Debian's files, our wp-config.php, its own wp-content with the theme and our plugin.
  wpDatabase = `cm_wp_${randomBytes(4).toString("hex")}`
  mysql(`CREATE DATABASE ${wpDatabase} CHARACTER SET utf8mb4`)
  wpDir = fs.mkdtempSync(path.join(os.tmpdir(), "cm-wordpress-"))
  for (const entry of fs.readdirSync(WORDPRESS)) {
    if (["wp-config.php", "wp-content", ".htaccess"].includes(entry)) continue
    fs.cpSync(path.join(WORDPRESS, entry), path.join(wpDir, entry), { recursive: true, dereference: true })
  }
  fs.cpSync(path.join(WORDPRESS, "wp-content", "themes", "twentytwentythree"), path.join(wpDir, "wp-content", "themes", "twentytwentythree"), { recursive: true, dereference: true })
  fs.cpSync(PLUGIN, path.join(wpDir, "wp-content", "plugins", "customer-modules"), { recursive: true })
  fs.mkdirSync(path.join(wpDir, "wp-content", "uploads"), { recursive: true })
  const port = await freePort()
  wpUrl = `http://127.0.0.1:${port}`
  const salts = ["AUTH_KEY", "SECURE_AUTH_KEY", "LOGGED_IN_KEY", "NONCE_KEY", "AUTH_SALT", "SECURE_AUTH_SALT", "LOGGED_IN_SALT", "NONCE_SALT"]
    .map((k) => `define('${k}', '${randomBytes(24).toString("hex")}');`)
    .join("\n")
  fs.writeFileSync(
    path.join(wpDir, "wp-config.php"),
    `<?php
define('DB_NAME', '${wpDatabase}');
define('DB_USER', 'root');
define('DB_PASSWORD', '');
define('DB_HOST', '127.0.0.1:3306');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
${salts}
$table_prefix = 'wp_';
define('WP_HOME', '${wpUrl}');
define('WP_SITEURL', '${wpUrl}');
define('WP_CONTENT_DIR', __DIR__ . '/wp-content');
define('WP_CONTENT_URL', '${wpUrl}/wp-content');
define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_HTTP_BLOCK_EXTERNAL', true);
if (!defined('ABSPATH')) define('ABSPATH', __DIR__ . '/');
require_once ABSPATH . 'wp-settings.php';
`
  )
  // WordPress's own installer.
  wpPhp(`require_once ABSPATH . 'wp-admin/includes/upgrade.php';
wp_install('Café Test', '${WP_ADMIN.user}', 'wp-admin@example.com', true, '', '${WP_ADMIN.password}');
switch_theme('twentytwentythree');`, true)
  // In a process group of its own: with PHP_CLI_SERVER_WORKERS the server forks workers, which a signal to the parent alone leaves running.
  php = spawn("php", ["-S", `127.0.0.1:${port}`, "-t", wpDir], { cwd: wpDir, env: { ...process.env, PHP_CLI_SERVER_WORKERS: "4" }, stdio: "ignore", detached: true })
  await eventually(
    () => fetch(`${wpUrl}/wp-login.php`).then((r) => r.status, () => 0),
    (s) => s === 200,
    30_000
  )
  browser = await launchBrowser()
  page = await browser.newPage()
  // wp-admin pages under php -S on a busy machine: give each step time, load no more than the document.
  page.setDefaultTimeout(60_000)
}, 300_000)

/** Stops the PHP server and its workers (the whole group), and fails the run if any of them is left. */
async function stopPhp(): Promise<void> {
  const pid = php?.pid
  if (!pid) return
  try {
    process.kill(-pid, "SIGTERM")
  } catch {
    return // already gone
  }
  const alive = () => {
    try {
      process.kill(-pid, 0)
      return true
    } catch {
      return false
    }
  }
  for (let i = 0; i < 50 && alive(); i++) await new Promise((r) => setTimeout(r, 100))
  if (alive()) {
    process.kill(-pid, "SIGKILL")
    throw new Error("php -S or one of its workers did not stop on SIGTERM")
  }
}

afterAll(async () => {
  await browser?.close()
  await stopPhp()
  if (!serverStopped) await server?.stop()
  if (wpDir) fs.rmSync(wpDir, { recursive: true, force: true })
  if (wpDatabase) mysql(`DROP DATABASE IF EXISTS ${wpDatabase}`)
  if (database) await dropDatabase(database)
})

async function setCacheSeconds(seconds: number): Promise<void> {
  await page.goto(`${wpUrl}/wp-admin/options-general.php?page=customer-modules`, { waitUntil: "domcontentloaded" })
  await page.fill("#cm-cache", String(seconds))
  await page.click("#submit")
  await page.waitForSelector(".notice-success, #setting-error-settings_updated")
}

async function newsTitles(): Promise<string[]> {
  await page.goto(`${wpUrl}/?page_id=${pageId}`)
  return page.locator("cm-news .cm-news__title").allTextContents()
}

describe("the WordPress plugin", () => {
  it("is activated and configured in the WordPress admin", async () => {
    await page.goto(`${wpUrl}/wp-login.php`, { waitUntil: "domcontentloaded" })
    await page.fill("#user_login", WP_ADMIN.user)
    await page.fill("#user_pass", WP_ADMIN.password)
    await page.click("#wp-submit")
    await page.waitForURL(/wp-admin/, { waitUntil: "domcontentloaded" })
    await page.goto(`${wpUrl}/wp-admin/plugins.php`, { waitUntil: "domcontentloaded" })
    await page.click('tr[data-slug="customer-modules"] .activate a')
    await page.waitForSelector('tr[data-slug="customer-modules"] .deactivate a')

    await page.goto(`${wpUrl}/wp-admin/options-general.php?page=customer-modules`, { waitUntil: "domcontentloaded" })
    await page.fill("#cm-url", server.url)
    await page.selectOption("#cm-locale", "de")
    await page.fill("#cm-cache", "2")
    await page.click("#submit")
    await page.waitForSelector(".notice-success, #setting-error-settings_updated")
    expect(await page.inputValue("#cm-url")).toBe(server.url)

    // A page with the shortcodes, a block, and an attribute that tries to break out of its quotes.
    const content = [
      "[cm_news]",
      "[cm_faq]",
      "[cm_events]",
      "<!-- wp:customer-modules/faq {\"locale\":\"en\"} /-->",
      '[cm_booking location="loc_wp"]',
      `[cm_booking location='x" onmouseover="alert(1)' locale='"><script>alert(2)</script>']`,
    ].join("\n\n")
    pageId = wpPhp(`echo wp_insert_post(['post_type' => 'page', 'post_status' => 'publish', 'post_title' => 'Aktuelles', 'post_content' => ${JSON.stringify(content).replace(/\$/g, "\\$")}]);`).trim()
    plainPageId = wpPhp(`echo wp_insert_post(['post_type' => 'page', 'post_status' => 'publish', 'post_title' => 'Plain', 'post_content' => 'Nothing of ours.']);`).trim()
    expect(Number(pageId)).toBeGreaterThan(0)
  }, 240_000)

  it("shows news, FAQ and events on the page, in the theme's styles, rendered on the server", async () => {
    const html = await (await fetch(`${wpUrl}/?page_id=${pageId}`)).text()
    // In the HTML itself (search engines), not only after script.
    expect(html).toContain(`${marker} Sommerfest`)
    expect(html).toContain(`${marker} Parkplätze?`)
    expect(html).toContain('"@type":"FAQPage"')
    expect(html).toContain("<cm-events")
    // The escaped attribute: no handler, no script of the attacker.
    expect(html).not.toMatch(/onmouseover="alert/)
    expect(html).not.toContain("<script>alert(2)")
    expect(html).toMatch(/<noscript><a class="cm-fallback" href="[^"]*\/embed\/booking\?location_id=loc_wp&(amp;|#038;)locale=de"/)
    // The loader is enqueued only where an element needs it.
    expect(html).toContain(`${server.url}/embed/loader.js`)
    const plain = await (await fetch(`${wpUrl}/?page_id=${plainPageId}`)).text()
    expect(plain).not.toContain("/embed/loader.js")

    await page.goto(`${wpUrl}/?page_id=${pageId}`)
    const title = page.locator("cm-news .cm-news__title", { hasText: `${marker} Sommerfest` })
    await title.waitFor()
    const [titleFont, bodyFont] = await title.evaluate((el) => [getComputedStyle(el).fontFamily, getComputedStyle(document.body).fontFamily])
    expect(titleFont).toBe(bodyFont)
    expect(titleFont).not.toMatch(/^"?Times/)
    expect(await page.locator("cm-faq .cm-faq__question", { hasText: `${marker} Parkplätze?` }).count()).toBeGreaterThan(0)
    expect(await page.locator("cm-events").count()).toBe(1)
    expect(await page.locator("[onmouseover]").count()).toBe(0)
  })

  it("opens the booking page in a frame", async () => {
    await page.goto(`${wpUrl}/?page_id=${pageId}`)
    const frame = page.locator('cm-booking[location="loc_wp"] iframe')
    await frame.waitFor({ state: "attached" })
    expect(await frame.getAttribute("src")).toMatch(new RegExp(`^${server.url.replace(/[.:/]/g, "\\$&")}/embed/booking\\?location_id=loc_wp&locale=de&cm_parent=`))
  })

  it("shows an edit after the cache lifetime, and at once after a flush", async () => {
    expect((await admin(`/admin/cms/news/${newsId}`, { title: `${marker} Herbstfest` })).status).toBe(200)
    const after = await eventually(newsTitles, (t) => t.includes(`${marker} Herbstfest`), 20_000)
    expect(after).toContain(`${marker} Herbstfest`)

    await setCacheSeconds(3600)
    expect(await newsTitles()).toContain(`${marker} Herbstfest`)
    expect((await admin(`/admin/cms/news/${newsId}`, { title: `${marker} Winterfest` })).status).toBe(200)
    // Within the lifetime, the cached copy (our server already has the edit).
    expect(await newsTitles()).toContain(`${marker} Herbstfest`)
    await page.goto(`${wpUrl}/wp-admin/options-general.php?page=customer-modules`, { waitUntil: "domcontentloaded" })
    await page.click("#cm-flush")
    await page.waitForURL(/flushed=1/)
    expect(await newsTitles()).toContain(`${marker} Winterfest`)
  })

  it("keeps showing the last content while our server is stopped", async () => {
    await server.stop()
    serverStopped = true
    await page.goto(`${wpUrl}/wp-admin/options-general.php?page=customer-modules`, { waitUntil: "domcontentloaded" })
    await page.click("#cm-flush")
    await page.waitForURL(/flushed=1/)
    expect(await newsTitles()).toContain(`${marker} Winterfest`)
    expect(await page.locator("cm-faq .cm-faq__question", { hasText: `${marker} Parkplätze?` }).count()).toBeGreaterThan(0)
  })
})
