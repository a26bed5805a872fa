/** Debian's Chromium driven by playwright-core; never a downloaded browser. */
import { Browser, chromium, Page } from "playwright-core"
import { inject } from "vitest"

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium"

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // The machine has no network beyond loopback: keep Chromium from calling home.
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
    ],
  })
}

/** A browser with one page (`newPage` options: viewport, locale); the caller closes the browser. */
export async function openPage(options: Parameters<Browser["newPage"]>[0] = {}): Promise<{ browser: Browser; page: Page }> {
  const browser = await launchBrowser()
  return { browser, page: await browser.newPage(options) }
}

/**
 * Signs in to the Medusa admin as the test admin, as a merchant does: Medusa's usage-data
 * question is off (feature flag `analytics`), so no dialog covers a page.
 */
export async function signInToAdmin(page: Page): Promise<void> {
  await page.goto(`${inject("baseUrl")}/app/login`)
  await page.getByPlaceholder("Email").fill(inject("adminEmail"))
  await page.getByPlaceholder("Password").fill(inject("adminPassword"))
  await page.getByRole("button", { name: /continue|log in|sign in/i }).click()
}

/** Follows the sidebar link `label` and waits for the page's heading. */
export async function openFromSidebar(page: Page, label: string, heading: { name: string; exact?: boolean } = { name: label }): Promise<void> {
  const link = page.getByRole("link", { name: label })
  await link.waitFor({ timeout: 30_000 })
  await link.click()
  await page.getByRole("heading", heading).waitFor({ timeout: 30_000 })
}
