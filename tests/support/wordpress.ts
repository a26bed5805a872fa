/**
 * A real WordPress of its own for a test or a bench: Debian's `wordpress`
 * package (files copied, our wp-config.php, its own wp-content with the
 * twentytwentythree theme and our plugin), a database of its own in the
 * machine's MariaDB, installed by WordPress's own installer and served by
 * `php -S` (`.ci/run` installs wordpress, wordpress-theme-twentytwentythree,
 * php-cli and php-mysql).
 */
import { ChildProcess, execFileSync, spawn } from "child_process"
import { randomBytes, randomUUID } from "crypto"
import fs from "fs"
import os from "os"
import path from "path"

import { eventually } from "./eventually"
import { freePort, ROOT } from "./server"

const WORDPRESS = "/usr/share/wordpress"
const THEME = "twentytwentythree"
export const WORDPRESS_PLUGIN = path.join(ROOT, "storefront-plugin", "wordpress", "customer-modules")

export type WordPress = {
  url: string
  dir: string
  /** The administrator made by the installer. */
  admin: { user: string; password: string }
  /** Runs PHP inside this WordPress (as WP-CLI would) and answers what it echoes. */
  php(code: string): string
  /** Stops the PHP server and its workers and removes the files and the database. */
  stop(): Promise<void>
}

function mysql(sql: string): void {
  execFileSync("mysql", ["-h", "127.0.0.1", "-P", "3306", "-u", "root", "-e", sql], { stdio: "pipe" })
}

export async function startWordPress(opts: { title?: string; workers?: number } = {}): Promise<WordPress> {
  for (const need of [WORDPRESS, "/usr/bin/php", path.join(WORDPRESS, "wp-content", "themes", THEME)]) {
    if (!fs.existsSync(need)) throw new Error(`${need} is missing: .ci/run installs Debian's wordpress, wordpress-theme-twentytwentythree, php-cli and php-mysql`)
  }
  const admin = { user: "admin", password: `pw-${randomUUID()}` }
  const database = `cm_wp_${randomBytes(4).toString("hex")}`
  mysql(`CREATE DATABASE ${database} CHARACTER SET utf8mb4`)
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cm-wordpress-"))
  let php: ChildProcess | undefined
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`

  const runPhp = (code: string, installing = false): string => {
    const file = path.join(dir, `cli-${randomUUID()}.php`)
    const prelude = installing ? "define('WP_INSTALLING', true);\n" : ""
    fs.writeFileSync(file, `<?php\n$_SERVER['HTTP_HOST'] = '${new URL(url).host}';\n${prelude}require __DIR__ . '/wp-load.php';\n${code}\n`)
    try {
      return execFileSync("php", [file], { cwd: dir, encoding: "utf-8", stdio: ["ignore", "pipe", "pipe"] })
    } finally {
      fs.rmSync(file, { force: true })
    }
  }

  /** Stops the PHP server and its workers (the whole group), and fails if any of them is left. */
  const stopPhp = async (): Promise<void> => {
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

  let stopped = false
  const stop = async () => {
    if (stopped) return
    stopped = true
    try {
      await stopPhp()
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
      mysql(`DROP DATABASE IF EXISTS ${database}`)
    }
  }

  try {
    for (const entry of fs.readdirSync(WORDPRESS)) {
      if (["wp-config.php", "wp-content", ".htaccess"].includes(entry)) continue
      fs.cpSync(path.join(WORDPRESS, entry), path.join(dir, entry), { recursive: true, dereference: true })
    }
    fs.cpSync(path.join(WORDPRESS, "wp-content", "themes", THEME), path.join(dir, "wp-content", "themes", THEME), { recursive: true, dereference: true })
    fs.cpSync(WORDPRESS_PLUGIN, path.join(dir, "wp-content", "plugins", "customer-modules"), { recursive: true })
    fs.mkdirSync(path.join(dir, "wp-content", "uploads"), { recursive: true })
    const salts = ["AUTH_KEY", "SECURE_AUTH_KEY", "LOGGED_IN_KEY", "NONCE_KEY", "AUTH_SALT", "SECURE_AUTH_SALT", "LOGGED_IN_SALT", "NONCE_SALT"]
      .map((k) => `define('${k}', '${randomBytes(24).toString("hex")}');`)
      .join("\n")
    fs.writeFileSync(
      path.join(dir, "wp-config.php"),
      `<?php
define('DB_NAME', '${database}');
define('DB_USER', 'root');
define('DB_PASSWORD', '');
define('DB_HOST', '127.0.0.1:3306');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
${salts}
$table_prefix = 'wp_';
define('WP_HOME', '${url}');
define('WP_SITEURL', '${url}');
define('WP_CONTENT_DIR', __DIR__ . '/wp-content');
define('WP_CONTENT_URL', '${url}/wp-content');
define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_HTTP_BLOCK_EXTERNAL', true);
if (!defined('ABSPATH')) define('ABSPATH', __DIR__ . '/');
require_once ABSPATH . 'wp-settings.php';
`
    )
    // WordPress's own installer.
    runPhp(
      `require_once ABSPATH . 'wp-admin/includes/upgrade.php';
wp_install(${JSON.stringify(opts.title ?? "Café Test")}, '${admin.user}', 'wp-admin@example.com', true, '', '${admin.password}');
switch_theme('${THEME}');`,
      true
    )
    // In a process group of its own: with PHP_CLI_SERVER_WORKERS the server forks workers, which a signal to the parent alone leaves running.
    php = spawn("php", ["-S", `127.0.0.1:${port}`, "-t", dir], { cwd: dir, env: { ...process.env, PHP_CLI_SERVER_WORKERS: String(opts.workers ?? 4) }, stdio: "ignore", detached: true })
    await eventually(
      () => fetch(`${url}/wp-login.php`).then((r) => r.status, () => 0),
      (s) => s === 200,
      30_000
    )
  } catch (e) {
    await stop()
    throw e
  }
  return { url, dir, admin, php: (code) => runPhp(code), stop }
}

/** A published page with this content (shortcodes, blocks, text); its id. */
export function publishPage(wp: WordPress, title: string, content: string): string {
  const id = wp.php(`echo wp_insert_post(['post_type' => 'page', 'post_status' => 'publish', 'post_title' => ${JSON.stringify(title).replace(/\$/g, "\\$")}, 'post_content' => ${JSON.stringify(content).replace(/\$/g, "\\$")}]);`).trim()
  if (!(Number(id) > 0)) throw new Error(`the page was not published: ${id}`)
  return id
}
