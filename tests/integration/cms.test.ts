/**
 * The CMS over HTTP: news listed only while valid (an item expires without an
 * edit), drafts and locales, sanitised Markdown, HTML fragments with prefixed
 * classes, JSON-LD and no script, ETag/304, Cache-Control ending at the next
 * validity change, the cache cleared by an edit, FAQ order, news images
 * uploaded through Medusa's file service,
 * the embed scripts and bad input.
 */
import { randomUUID } from "crypto"
import fs from "fs"
import path from "path"

import { describe, expect, inject, it } from "vitest"

import { adminApi, adminToken, api } from "../support/api"
import { eventually } from "../support/eventually"
import { ROOT } from "../support/server"

/** Files under the servers' data folders (DATA_DIR/uploads is one) whose name holds `word`. */
function storedFiles(word: string): string[] {
  return (fs.readdirSync(path.join(ROOT, ".data"), { recursive: true }) as string[]).filter((f) => path.basename(f).includes(word))
}

type News = { id: string; title: string; body_html: string; valid_from: string | null; valid_until: string | null }

/** Each test's content in its own locale-free namespace: a unique word in the title. */
function tag(): string {
  return `t${randomUUID().slice(0, 8)}`
}

async function createNews(body: Record<string, unknown>): Promise<{ id: string }> {
  const res = await adminApi("/admin/cms/news", { body: { body: "", ...body } })
  expect(res.status, res.text).toBe(201)
  return res.body.news
}

async function publicNews(query = "locale=de"): Promise<News[]> {
  const res = await api(`/store/cms/news?${query}`)
  expect(res.status, res.text).toBe(200)
  return res.body.news
}

const EVIL = [
  "# Title",
  "Hello **world** [ok](https://example.com/x)",
  "<script>alert(1)</script>",
  '<img src="https://example.com/a.png" onerror="alert(2)">',
  "![a picture](https://example.com/a.png)",
  "[click](javascript:alert(3))",
  '<a href="JaVaScRiPt:alert(4)">x</a>',
  '<iframe src="https://evil.example"></iframe>',
  '<p style="color:red" onclick="alert(5)">styled</p>',
  "<svg onload=alert(6)></svg>",
].join("\n\n")

describe("news", () => {
  it("lists only what is valid now, pinned first; an expired item disappears without an edit", async () => {
    const t = tag()
    const now = Date.now()
    const current = await createNews({ title: `${t} current`, valid_from: new Date(now - 60_000).toISOString() })
    const pinned = await createNews({ title: `${t} pinned`, pinned: true })
    const future = await createNews({ title: `${t} future`, valid_from: new Date(now + 3_600_000).toISOString() })
    const past = await createNews({ title: `${t} past`, valid_from: new Date(now - 7_200_000).toISOString(), valid_until: new Date(now - 3_600_000).toISOString() })
    const draft = await createNews({ title: `${t} draft`, status: "draft" })
    const english = await createNews({ title: `${t} english`, locale: "en" })
    const expiring = await createNews({ title: `${t} expiring`, valid_until: new Date(now + 4_000).toISOString() })

    const listed = (await publicNews()).filter((n) => n.title.startsWith(t))
    const ids = listed.map((n) => n.id)
    expect(ids).toContain(current.id)
    expect(ids).toContain(expiring.id)
    expect(ids[0]).toBe(pinned.id)
    for (const hidden of [future.id, past.id, draft.id, english.id]) {
      expect(ids).not.toContain(hidden)
    }
    expect((await publicNews("locale=en")).map((n) => n.id)).toContain(english.id)

    // The answer's lifetime ends when the expiring item expires (no cache keeps it online).
    const res = await api("/store/cms/news?locale=de")
    const cc = res.headers.get("cache-control") ?? ""
    const maxAge = Number(/max-age=(\d+)/.exec(cc)?.[1] ?? "NaN")
    const swr = Number(/stale-while-revalidate=(\d+)/.exec(cc)?.[1] ?? "0")
    expect(cc).toMatch(/^public/)
    expect(maxAge + swr).toBeLessThanOrEqual(4)

    // Without any edit, the expired item is gone from the next answer (the server's cache too).
    const after = await eventually(
      () => publicNews(),
      (list) => !list.some((n) => n.id === expiring.id),
      15_000
    )
    expect(after.map((n) => n.id)).not.toContain(expiring.id)
    expect(after.map((n) => n.id)).toContain(current.id)
  })

  it("renders Markdown sanitised: no script, no handlers, no javascript: links", async () => {
    const t = tag()
    const item = await createNews({ title: `${t} <b>evil</b>`, body: EVIL })
    const news = (await publicNews()).find((n) => n.id === item.id)!
    expect(news.title).toBe(`${t} <b>evil</b>`)
    const html = news.body_html
    expect(html).toContain("<strong>world</strong>")
    expect(html).toContain('href="https://example.com/x"')
    expect(html).toContain('src="https://example.com/a.png"')
    expect(html).toContain("styled")
    // Raw HTML of the source is at most text; no element, attribute or link of it survives.
    expect(html).not.toMatch(/<script|<iframe|<svg|<[^>]*\son\w+=|<[^>]*javascript:|<[^>]*style=/i)

    const fragment = await api("/store/cms/news?locale=de&format=html")
    expect(fragment.status).toBe(200)
    expect(fragment.headers.get("content-type")).toMatch(/^text\/html/)
    const text = fragment.text
    // The title is escaped, the body sanitised, every class prefixed.
    expect(text).toContain(`${t} &lt;b&gt;evil&lt;/b&gt;`)
    expect(text).toContain(`<article class="cm-news__item" id="cm-news-${item.id}">`)
    for (const cls of text.matchAll(/class="([^"]+)"/g)) {
      for (const c of cls[1].split(" ")) expect(c).toMatch(/^cm-/)
    }
    // No executable script: the only script element is schema.org data.
    const scripts = [...text.matchAll(/<script([^>]*)>/gi)].map((m) => m[1])
    expect(scripts).toEqual([' type="application/ld+json"'])
    expect(text).not.toMatch(/<[^>]*\son\w+=|<[^>]*javascript:/i)
    const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(text)![1])
    const article = ld["@graph"].find((a: { headline: string }) => a.headline === `${t} <b>evil</b>`)
    expect(article["@type"]).toBe("NewsArticle")
    expect(article.articleBody).toContain("Hello world")
  })

  it("answers 304 to a matching If-None-Match, and an edit changes the ETag at once", async () => {
    const t = tag()
    const item = await createNews({ title: `${t} etag`, body: "first" })
    const first = await api("/store/cms/news?locale=de&format=html")
    const etag = first.headers.get("etag")!
    expect(etag).toMatch(/^"[\w-]+"$/)
    expect(first.text).toContain(`${t} etag`)
    const again = await api("/store/cms/news?locale=de&format=html", { headers: { "if-none-match": etag } })
    expect(again.status).toBe(304)
    expect(again.text).toBe("")
    // JSON and HTML have validators of their own.
    const json = await api("/store/cms/news?locale=de", { headers: { "if-none-match": etag } })
    expect(json.status).toBe(200)

    const edited = await adminApi(`/admin/cms/news/${item.id}`, { body: { title: `${t} edited` } })
    expect(edited.status, edited.text).toBe(200)
    const fresh = await api("/store/cms/news?locale=de&format=html", { headers: { "if-none-match": etag } })
    expect(fresh.status).toBe(200)
    expect(fresh.text).toContain(`${t} edited`)
    expect(fresh.headers.get("etag")).not.toBe(etag)

    const removed = await adminApi(`/admin/cms/news/${item.id}`, { method: "DELETE" })
    expect(removed.status, removed.text).toBe(200)
    expect((await publicNews()).map((n) => n.id)).not.toContain(item.id)
    expect((await adminApi(`/admin/cms/news/${item.id}`)).status).toBe(404)
  })

  it("refuses bad input with 400 and writes nothing", async () => {
    const t = tag()
    const bad: Record<string, unknown>[] = [
      { title: "", body: "x" },
      { title: `${t} a`, body: "x", valid_from: "2026-05-02T00:00:00Z", valid_until: "2026-05-01T00:00:00Z" },
      { title: `${t} b`, body: "x", valid_from: "tomorrow" },
      { title: `${t} c`, body: "x", locale: "fr" },
      { title: `${t} d`, body: "x", image_url: "javascript:alert(1)" },
      { title: `${t} e`, body: "x", extra: 1 },
      { title: `${t} f` },
    ]
    for (const body of bad) {
      const res = await adminApi("/admin/cms/news", { body })
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.body.type).toBe("invalid_request")
    }
    const list = await adminApi("/admin/cms/news?limit=500")
    expect(list.body.news.filter((n: { title: string }) => n.title.startsWith(t))).toEqual([])
    expect((await api("/store/cms/news?locale=xx")).status).toBe(400)
    expect((await api("/store/cms/news?format=pdf")).status).toBe(400)
  })
})

describe("FAQ", () => {
  it("keeps the merchant's order, groups by category, and gives FAQPage JSON-LD", async () => {
    const t = tag()
    const made: string[] = []
    for (const [q, category] of [[`${t} one`, "Opening"], [`${t} two`, null], [`${t} three`, "Opening"]] as const) {
      const res = await adminApi("/admin/cms/faq", { body: { question: q, answer: `Answer *${q}* <script>x()</script>`, category, locale: "de" } })
      expect(res.status, res.text).toBe(201)
      made.push(res.body.faq.id)
    }
    const reorder = await adminApi("/admin/cms/faq-order", { body: { ids: [made[2], made[0], made[1]] } })
    expect(reorder.status, reorder.text).toBe(200)
    const res = await api("/store/cms/faq?locale=de")
    expect(res.status).toBe(200)
    const mine = res.body.faq.filter((f: { question: string }) => f.question.startsWith(t))
    expect(mine.map((f: { id: string }) => f.id)).toEqual([made[2], made[0], made[1]])
    expect(mine[0].answer_html).toContain("<em>")
    expect(mine[0].answer_html).not.toContain("<script")
    expect((await api("/store/cms/faq?locale=en")).body.faq.map((f: { id: string }) => f.id)).not.toContain(made[0])

    const html = await api("/store/cms/faq?locale=de&format=html")
    expect(html.text).toContain('<h3 class="cm-faq__category">Opening</h3>')
    expect(html.text).toContain(`<summary class="cm-faq__question">${t} three</summary>`)
    const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html.text)![1])
    expect(ld["@type"]).toBe("FAQPage")
    expect(ld.mainEntity.map((q: { name: string }) => q.name)).toContain(`${t} one`)
    expect(html.text.replace(/<script type="application\/ld\+json">.*?<\/script>/s, "")).not.toMatch(/<script/i)

    expect((await adminApi("/admin/cms/faq-order", { body: { ids: [made[0], made[0]] } })).status).toBe(400)
    expect((await adminApi("/admin/cms/faq-order", { body: { ids: ["faq_nope"] } })).status).toBe(404)
    expect((await adminApi("/admin/cms/faq", { body: { question: "", answer: "x" } })).status).toBe(400)
  })
})

describe("preview and embed scripts", () => {
  // The allowed origins (CORS, frame-ancestors) are tested on a server of their own: cms-origins.test.ts.
  it("previews Markdown as the site shows it and serves the loader and frame scripts", async () => {
    const preview = await adminApi("/admin/cms/preview", { body: { markdown: "**b** <script>x</script>" } })
    expect(preview.status, preview.text).toBe(200)
    expect(preview.body.html).toContain("<strong>b</strong>")
    expect(preview.body.html).not.toContain("<script")

    for (const file of ["loader.js", "frame.js"]) {
      const res = await api(`/embed/${file}`)
      expect(res.status).toBe(200)
      expect(res.headers.get("content-type")).toMatch(/^text\/javascript/)
      expect(res.text).not.toContain("sourceMappingURL")
      expect((await api(`/embed/${file}`, { headers: { "if-none-match": res.headers.get("etag")! } })).status).toBe(304)
    }
    const zip = await adminApi("/admin/cms/wordpress-plugin")
    expect(zip.status).toBe(200)
    expect(zip.headers.get("content-type")).toBe("application/zip")
  })
})

/** A 1×1 PNG. */
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64")

async function upload(parts: [string, Blob, string?][], token = true): Promise<{ status: number; body: any }> {
  const form = new FormData()
  for (const [field, blob, name] of parts) form.append(field, blob, name)
  const headers: Record<string, string> = token ? { authorization: `Bearer ${await adminToken()}` } : {}
  const res = await fetch(`${inject("baseUrl")}/admin/cms/images`, { method: "POST", body: form, headers })
  const text = await res.text()
  return { status: res.status, body: text ? JSON.parse(text) : undefined }
}

describe("news images", () => {
  it("are uploaded through Medusa's file service, carried by the news JSON and fragment, and served", async () => {
    const t = tag()
    const up = await upload([["file", new Blob([PNG], { type: "image/png" }), `Sommer Fest ${t}.PNG`]])
    expect(up.status, JSON.stringify(up.body)).toBe(201)
    expect(up.body.image.type).toBe("image/png")
    expect(up.body.image.size).toBe(PNG.length)
    const url = new URL(up.body.image.url)
    expect(url.pathname).toMatch(new RegExp(`/cms/\\d+-sommer-fest-${t}\\.png$`))

    // Served by the server (file-local's static route), byte for byte.
    const served = await fetch(`${inject("baseUrl")}${url.pathname}`)
    expect(served.status).toBe(200)
    expect(served.headers.get("content-type")).toBe("image/png")
    expect(Buffer.from(await served.arrayBuffer()).equals(PNG)).toBe(true)
    // Kept under the server's DATA_DIR (file-local names the URL after the folder, relative to the working directory).
    expect(storedFiles(t)).toEqual([path.join(url.pathname.slice(1).replace(/^\.data\//, ""))])

    await createNews({ title: `${t} with image`, body: "Look.", image_url: up.body.image.url })
    const listed = (await publicNews()).find((n) => n.title === `${t} with image`) as News & { image_url: string }
    expect(listed.image_url).toBe(up.body.image.url)
    const html = await api("/store/cms/news?locale=de&format=html")
    expect(html.text).toContain(`<img class="cm-news__image" src="${up.body.image.url}"`)
    expect(html.text).toContain(`"image":"${up.body.image.url}"`)
  })

  it("refuse what is not an image, is too large, or is not one single file, and store nothing then", async () => {
    const t = tag()
    const svg = await upload([["file", new Blob(['<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'], { type: "image/svg+xml" }), `${t}.svg`]])
    expect(svg.status).toBe(415)
    expect(svg.body.type).toBe("unsupported_image")
    // A script named and typed as a PNG: judged by its bytes.
    const fake = await upload([["file", new Blob(["alert(1)"], { type: "image/png" }), `${t}-fake.png`]])
    expect(fake.status).toBe(415)
    const big = Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)])
    const large = await upload([["file", new Blob([big], { type: "image/png" }), `${t}-large.png`]])
    expect(large.status).toBe(413)
    expect(large.body.type).toBe("file_too_large")
    const two = await upload([
      ["file", new Blob([PNG], { type: "image/png" }), `${t}-one.png`],
      ["file", new Blob([PNG], { type: "image/png" }), `${t}-two.png`],
    ])
    expect(two.status).toBe(400)
    const none = await upload([["other", new Blob([PNG], { type: "image/png" }), `${t}-other.png`]])
    expect(none.status).toBe(400)
    const json = await adminApi("/admin/cms/images", { body: { file: "x" } })
    expect(json.status).toBe(400)
    expect(storedFiles(t)).toEqual([])
  })
})

describe("previews", () => {
  it("show a draft and an item outside its validity exactly as the site would, while the site does not list them", async () => {
    const t = tag()
    const draft = await createNews({ title: `${t} draft`, body: "Bald **hier**. <script>alert(1)</script>", status: "draft", valid_from: new Date(Date.now() + 86_400_000).toISOString() })
    expect((await publicNews()).map((n) => n.title)).not.toContain(`${t} draft`)
    const preview = await adminApi(`/admin/cms/news/${draft.id}/preview?locale=en`)
    expect(preview.status, preview.text).toBe(200)
    expect(preview.body.html).toContain(`<h3 class="cm-news__title">${t} draft</h3>`)
    expect(preview.body.html).toContain("<strong>hier</strong>")
    expect(preview.body.html).toContain('lang="en"')
    expect(preview.body.html.replace(/<script type="application\/ld\+json">.*?<\/script>/s, "")).not.toMatch(/<script/i)

    const faq = await adminApi("/admin/cms/faq", { body: { question: `${t} draft question?`, answer: "*Ja*", status: "draft", locale: "pt" } })
    expect(faq.status, faq.text).toBe(201)
    const faqPreview = await adminApi(`/admin/cms/faq/${faq.body.faq.id}/preview`)
    expect(faqPreview.status).toBe(200)
    expect(faqPreview.body.html).toContain(`${t} draft question?`)
    expect(faqPreview.body.html).toContain('lang="pt"')
    expect((await api("/store/cms/faq?locale=pt")).body.faq.map((f: { question: string }) => f.question)).not.toContain(`${t} draft question?`)

    expect((await adminApi(`/admin/cms/news/${draft.id}/preview?locale=fr`)).status).toBe(400)
    expect((await adminApi("/admin/cms/news/news_nope/preview")).status).toBe(404)
    expect((await adminApi("/admin/cms/faq/faq_nope/preview")).status).toBe(404)
  })
})
