/**
 * The loader on a plain HTML page of another origin, in Chromium: the content
 * elements render the server's fragments into the page's own DOM (the page's
 * styles apply, no script of ours is injected), and a transaction element's
 * frame takes the height its page reports through `cm:resize`, follows it when
 * it grows and shrinks, ignores messages from any other origin, and
 * re-dispatches the page's namespaced events.
 *
 * The embed page is a stub (the feature plugins own the real ones): a small
 * proxy is "the server" (every request goes on to the real one), except
 * `/embed/booking`, which answers a page that uses the real /embed/frame.js.
 */
import { randomUUID } from "crypto"
import http from "http"
import { AddressInfo } from "net"

import type { Browser } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"

import { launchBrowser } from "../support/browser"
import { startOwnServer } from "../support/own-server"
import type { OwnServer } from "../support/own-server"

let browser: Browser
/** A server of this file's own: the site's origin is allowed there, and allowed origins narrow every embed page's frame-ancestors. */
let own: OwnServer
let proxy: http.Server
let site: http.Server
let serverUrl: string
let siteUrl: string
let other: http.Server
let otherUrl: string
const marker = `sf${randomUUID().slice(0, 8)}`

const STUB_BOOKING = `<!doctype html><html><head><meta charset="utf-8"><script src="/embed/frame.js" defer></script></head>
<body style="margin:0"><div id="content" style="height:300px;background:#eee">booking stub</div>
<button id="grow" style="display:block;height:40px">grow</button><button id="shrink" style="display:block;height:40px">shrink</button>
<button id="confirm" style="display:block;height:40px">confirm</button>
<button id="breakout" style="display:block;height:40px">breakout</button>
<script src="/stub.js" defer></script></body></html>`
const STUB_SCRIPT = `document.getElementById("grow").onclick = () => { document.getElementById("content").style.height = "900px" }
document.getElementById("shrink").onclick = () => { document.getElementById("content").style.height = "120px" }
document.getElementById("confirm").onclick = () => CustomerModulesFrame.emit("booking:confirmed", { reservation: { id: "res_1" } })
document.getElementById("breakout").onclick = () => CustomerModulesFrame.breakOut("javascript:alert(1)")`

/** The merchant's strict CSP: scripts, fetches and frames of the server only. */
const siteCsp = () => `default-src 'self'; script-src 'self' ${serverUrl}; connect-src ${serverUrl}; frame-src ${serverUrl}; style-src 'self' 'unsafe-inline'; img-src 'self' https: data:`
/** A page with the real top-up page (gift-card's, through the proxy to the server) in its element. */
const SHOP_PAGE = () =>
  `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Shop</title><script src="${serverUrl}/embed/loader.js" async></script></head><body><cm-top-up locale="de"></cm-top-up></body></html>`

function listen(server: http.Server, host: string): Promise<string> {
  return new Promise((resolve) => server.listen(0, host, () => resolve(`http://${host}:${(server.address() as AddressInfo).port}`)))
}

beforeAll(async () => {
  own = await startOwnServer("storefront")
  const target = new URL(own.url)
  proxy = http.createServer((req, res) => {
    if (req.url?.startsWith("/embed/booking")) {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(STUB_BOOKING)
      return
    }
    if (req.url === "/stub.js") {
      res.writeHead(200, { "content-type": "text/javascript" }).end(STUB_SCRIPT)
      return
    }
    const upstream = http.request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: { ...req.headers, host: target.host } }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers)
      up.pipe(res)
    })
    upstream.on("error", () => res.writeHead(502).end())
    req.pipe(upstream)
  })
  serverUrl = await listen(proxy, "127.0.0.1")
  // The merchant's website: another origin (localhost vs 127.0.0.1, another port), with its own fonts and colours and a strict CSP.
  site = http.createServer((req, res) => {
    if (req.url === "/init.js") {
      // The snippet's stub, as a file of the site (a strict CSP allows no inline script): it queues calls until the loader is there.
      res.writeHead(200, { "content-type": "text/javascript" }).end(
        `window.CustomerModules = window.CustomerModules || function () { (window.CustomerModules.q = window.CustomerModules.q || []).push(arguments) };
CustomerModules("init", { url: ${JSON.stringify(serverUrl)}, locale: "pt" })`
      )
      return
    }
    if (req.url === "/shop") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-security-policy": siteCsp() }).end(SHOP_PAGE())
      return
    }
    const queued = req.url === "/queued"
    res.writeHead(200, {
      "content-type": "text/html; charset=utf-8",
      "content-security-policy": siteCsp(),
    })
    res.end(`<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Site</title>
<style>body { font-family: Georgia, serif; } .cm-news__title { color: rgb(200, 0, 0); } cm-booking { --cm-accent: #123456; }</style>
${queued ? `<script src="/init.js"></script>` : ""}<script src="${serverUrl}/embed/loader.js" async></script></head>
<body><h1>Café</h1><cm-news locale="de"></cm-news><cm-faq></cm-faq>
<cm-booking location="loc_stub" title="Booking"></cm-booking><p id="after">after</p></body></html>`)
  })
  siteUrl = await listen(site, "localhost")
  // A site that is not on the allowed list: the same page, another origin.
  other = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-security-policy": siteCsp() }).end(SHOP_PAGE())
  })
  otherUrl = await listen(other, "127.0.0.1")
  expect((await own.admin("/admin/cms/settings", { body: { allowed_origins: [siteUrl] } })).status).toBe(200)
  expect((await own.admin("/admin/cms/news", { body: { title: `${marker} Sommerfest`, body: "Am **Samstag** <script>alert(1)</script>" } })).status).toBe(201)
  expect((await own.admin("/admin/cms/faq", { body: { question: `${marker} Hunde erlaubt?`, answer: "Ja.", locale: "de" } })).status).toBe(201)
  browser = await launchBrowser()
}, 240_000)

afterAll(async () => {
  await browser?.close()
  await new Promise((r) => proxy?.close(r))
  await new Promise((r) => site?.close(r))
  await new Promise((r) => other?.close(r))
  await own?.stop()
})

describe("the loader on another origin", () => {
  it("renders news and FAQ into the page's DOM in the page's styles, and sizes the booking frame by its content", async () => {
    const page = await browser.newPage()
    const errors: string[] = []
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text())
    })
    page.on("pageerror", (e) => errors.push(e.message))
    // News of other suites (one server for all) carry images on the internet, which this machine
    // cannot reach: the internet answers with a tiny image here, so only errors of ours remain.
    await page.route((url) => !["127.0.0.1", "localhost"].includes(url.hostname), (route) =>
      route.fulfill({ status: 200, contentType: "image/png", body: Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64") })
    )
    await page.goto(siteUrl)

    const title = page.locator(".cm-news__title", { hasText: `${marker} Sommerfest` })
    await title.waitFor()
    // In the page's own DOM (no shadow root), styled by the site.
    expect(await title.evaluate((el) => getComputedStyle(el).color)).toBe("rgb(200, 0, 0)")
    expect(await title.evaluate((el) => getComputedStyle(el).fontFamily)).toContain("Georgia")
    expect(await page.locator("cm-news strong").first().textContent()).toBe("Samstag")
    expect(await page.locator("cm-news script:not([type='application/ld+json'])").count()).toBe(0)
    await page.locator(".cm-faq__question", { hasText: `${marker} Hunde erlaubt?` }).waitFor()
    expect(await page.evaluate(() => (window as unknown as { alerted?: boolean }).alerted)).toBeUndefined()

    // The frame: the stub page's content height (300 px + 4 buttons of 40 px), not 100% and not the viewport.
    const frame = page.locator("cm-booking iframe")
    await frame.waitFor()
    expect(await frame.getAttribute("src")).toContain(`${serverUrl}/embed/booking?location_id=loc_stub`)
    expect(await frame.getAttribute("src")).toContain("accent=%23123456")
    const heightOf = () => frame.evaluate((el) => el.getBoundingClientRect().height)
    await page.waitForFunction(() => document.querySelector("cm-booking iframe")?.getBoundingClientRect().height === 460)
    expect(await heightOf()).toBe(460)

    const inner = page.frameLocator("cm-booking iframe")
    await inner.locator("#grow").click()
    await page.waitForFunction(() => document.querySelector("cm-booking iframe")?.getBoundingClientRect().height === 1060)
    await inner.locator("#shrink").click()
    await page.waitForFunction(() => document.querySelector("cm-booking iframe")?.getBoundingClientRect().height === 280)
    expect(await heightOf()).toBe(280)

    // A message from another origin (the site itself pretending) changes nothing.
    await page.evaluate(() => window.postMessage({ type: "cm:resize", height: 5 }, "*"))
    await page.evaluate(() => new Promise((r) => setTimeout(r, 100)))
    expect(await heightOf()).toBe(280)

    // The page's event arrives as a namespaced DOM event on the element.
    const confirmed = page.evaluate(
      () => new Promise((resolve) => document.querySelector("cm-booking")!.addEventListener("cm:booking:confirmed", (e) => resolve((e as CustomEvent).detail), { once: true }))
    )
    await inner.locator("#confirm").click()
    expect(await confirmed).toEqual({ reservation: { id: "res_1" } })

    // The page cannot go on in a frame (a payment redirect): the frame gives way to the link to a new tab;
    // a javascript: address from the page never becomes the link's.
    await inner.locator("#breakout").click()
    const fallback = page.locator("cm-booking a.cm-fallback")
    await fallback.waitFor({ state: "visible" })
    expect(await fallback.getAttribute("href")).toMatch(new RegExp(`^${serverUrl.replace(/[.:/]/g, "\\$&")}/embed/booking\\?location_id=loc_stub`))
    expect(await fallback.getAttribute("target")).toBe("_blank")
    expect(await frame.isHidden()).toBe(true)
    expect(errors).toEqual([])
    await page.close()
  })

  it("lets only the allowed site frame a real embed page: frame-ancestors are the allowed origins", async () => {
    const allowed = await browser.newPage()
    await allowed.goto(`${siteUrl}/shop`)
    await allowed.frameLocator("cm-top-up iframe").locator("h1").waitFor()
    expect(allowed.frames().some((f) => f.url().startsWith(`${serverUrl}/embed/top-up`))).toBe(true)
    await allowed.close()

    const refused = await browser.newPage()
    const messages: string[] = []
    refused.on("console", (m) => messages.push(m.text()))
    await refused.goto(otherUrl)
    await refused.locator("cm-top-up iframe").waitFor({ state: "attached" })
    await expect.poll(() => messages.some((m) => m.includes("frame-ancestors") && m.includes(siteUrl)), { timeout: 15_000 }).toBe(true)
    // The browser put its error page in the frame instead of ours.
    expect(refused.frames().some((f) => f.url().startsWith(`${serverUrl}/embed/top-up`))).toBe(false)
    await refused.close()
  })

  it("runs the calls queued before it loaded", async () => {
    const page = await browser.newPage()
    // The stub queued an init with another language before the loader arrived; the loader ran it first.
    await page.goto(`${siteUrl}/queued`)
    await page.waitForFunction(() => (window as unknown as { CustomerModules?: { loaded?: boolean } }).CustomerModules?.loaded === true)
    expect(await page.evaluate(() => (window as unknown as { CustomerModules: { options: { locale: string } } }).CustomerModules.options.locale)).toBe("pt")
    // cm-news has its own locale attribute (de); the FAQ element follows the queued language (pt: none of the German entries).
    await page.locator(".cm-news__title", { hasText: `${marker} Sommerfest` }).waitFor()
    await page.locator("cm-faq .cm-faq__empty, cm-faq .cm-faq__item").first().waitFor()
    expect(await page.locator("cm-faq").getAttribute("data-rendered")).toBe("")
    expect(await page.locator(".cm-faq__question", { hasText: marker }).count()).toBe(0)
    await page.close()
  })
})
