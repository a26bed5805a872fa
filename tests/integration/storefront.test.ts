/**
 * The Node helper of storefront-plugin (`@customer-modules/storefront`), as a
 * Next.js or Astro site calls it on its own server, against the running
 * server: the fragments with the content and no script, revalidated with
 * ETags (304), the last good copy while the server cannot be reached, a
 * localized notice when there never was one, transaction elements with
 * escaped attributes and a `<noscript>` link, the loader tag with a CSP nonce.
 */
import { randomUUID } from "crypto"

import { describe, expect, inject, it } from "vitest"

import { createStorefront } from "@customer-modules/storefront"

import { adminApi } from "../support/api"

/** An address where nothing listens (the server "down"): a real refused connection. */
const DOWN = "http://127.0.0.1:9"

describe("the Node helper", () => {
  it("renders the news fragment on the site's server, revalidates it with its ETag and keeps the last good copy while the server is away", async () => {
    const marker = `node${randomUUID().slice(0, 8)}`
    expect((await adminApi("/admin/cms/news", { body: { title: `${marker} Markt`, body: "Am **Freitag**. <script>alert(1)</script>" } })).status).toBe(201)
    const statuses: number[] = []
    let down = false
    const cm = createStorefront({
      url: inject("baseUrl"),
      locale: "de",
      cacheSeconds: 0,
      fetch: async (url, init) => {
        const res = await fetch(down ? String(url).replace(inject("baseUrl"), DOWN) : url, init)
        statuses.push(res.status)
        return res
      },
    })
    const first = await cm.news()
    expect(first.startsWith("<cm-news data-rendered>")).toBe(true)
    expect(first).toContain(`${marker} Markt`)
    expect(first).toContain("<strong>Freitag</strong>")
    expect(first.replace(/<script type="application\/ld\+json">.*?<\/script>/s, "")).not.toMatch(/<script/i)
    expect(first).toContain('"@type":"NewsArticle"')

    // Lifetime 0: the next call asks again with the ETag, the server answers 304, the same markup is used.
    expect(await cm.news()).toBe(first)
    expect(statuses).toEqual([200, 304])

    // The server cannot be reached: the last good copy.
    down = true
    expect(await cm.news()).toBe(first)
    expect(statuses).toEqual([200, 304])
  })

  it("says in the site's language that content is unavailable when there never was a copy", async () => {
    const cm = createStorefront({ url: DOWN, locale: "pt", timeoutMs: 2000 })
    expect(await cm.faq()).toBe('<cm-faq><p class="cm-unavailable">Conteúdo de momento indisponível.</p></cm-faq>')
    expect(await cm.events({ locale: "de" })).toContain("Inhalt zurzeit nicht verfügbar.")
  })

  it("builds transaction elements with escaped attributes and a noscript link, and the loader tag with a nonce", () => {
    const cm = createStorefront({ url: "https://pos.example.com/", locale: "en" })
    const booking = cm.booking('loc_1" onmouseover="alert(1)', "de")
    expect(booking).not.toContain('" onmouseover="')
    expect(booking).toContain('location="loc_1&quot; onmouseover=&quot;alert(1)"')
    expect(booking).toContain('<noscript><a class="cm-fallback" href="https://pos.example.com/embed/booking?location_id=loc_1%22+onmouseover%3D%22alert%281%29&amp;locale=de" target="_blank" rel="noopener">In neuem Fenster öffnen</a></noscript>')
    expect(cm.voucherShop()).toContain('href="https://pos.example.com/embed/vouchers?locale=en"')
    expect(cm.loaderTag()).toBe('<script src="https://pos.example.com/embed/loader.js" data-locale="en" async></script>')
    expect(cm.loaderTag({ nonce: 'r4nd"om' })).toBe('<script src="https://pos.example.com/embed/loader.js" data-locale="en" nonce="r4nd&quot;om" async></script>')
  })
})
