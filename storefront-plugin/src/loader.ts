/**
 * /embed/loader.js: the one script a website includes. It defines the custom
 * elements and runs the calls queued by the snippet's stub
 * (`CustomerModules("init", { locale })`) once it has loaded.
 *
 * Content elements (`cm-news`, `cm-faq`, `cm-events`) put the server's HTML
 * fragment into the page's own DOM, so the site's fonts, colours and styles
 * apply. Transaction elements (`cm-booking`, `cm-event-registration`,
 * `cm-voucher-shop`, `cm-top-up`) open the server's `/embed/...` page in an
 * iframe whose height follows the page through the `cm:resize` protocol
 * (see README.md); messages are accepted only from the server's origin and
 * from that very frame. No cookies are sent or needed (`credentials: "omit"`),
 * no style or script is injected (strict CSPs keep working).
 */
;(function () {
  type Options = { url?: string; locale?: string }
  type Stub = ((...args: unknown[]) => void) & { q?: ArrayLike<unknown>[]; loaded?: boolean; options?: Options }
  const w = window as unknown as { CustomerModules?: Stub }
  if (w.CustomerModules?.loaded) {
    return
  }

  const script = document.currentScript as HTMLScriptElement | null
  const scriptUrl = script?.src ? new URL(script.src, location.href) : null
  const options: Options = {
    url: script?.dataset.url ?? (scriptUrl ? scriptUrl.origin : undefined),
    locale: script?.dataset.locale,
  }

  function base(): string {
    return (options.url ?? location.origin).replace(/\/+$/, "")
  }
  function serverOrigin(): string {
    return new URL(base()).origin
  }
  function localeOf(el: Element): string {
    const lang = el.getAttribute("locale") || options.locale || document.documentElement.lang.slice(0, 2).toLowerCase()
    return lang === "de" || lang === "en" || lang === "pt" ? lang : "de"
  }
  function emit(el: Element, name: string, detail: unknown): void {
    el.dispatchEvent(new CustomEvent(`cm:${name}`, { detail, bubbles: true, composed: true }))
  }

  /** A content element: the server's HTML fragment in the page's own DOM. */
  class ContentElement extends HTMLElement {
    static path = ""
    static kind = ""
    static params: string[] = []
    private loading = false

    connectedCallback(): void {
      // Markup a server already put there (the WordPress plugin, a Node site) stays: it is the content, for search engines too.
      if (this.hasAttribute("data-rendered")) {
        return
      }
      void this.load()
    }

    async load(): Promise<void> {
      if (this.loading) return
      this.loading = true
      const ctor = this.constructor as typeof ContentElement
      const query = new URLSearchParams({ format: "html", locale: localeOf(this) })
      for (const name of ctor.params) {
        const value = this.getAttribute(name)
        if (value) query.set(name.replace(/-/g, "_"), value)
      }
      this.setAttribute("aria-busy", "true")
      try {
        const res = await fetch(`${base()}${ctor.path}?${query}`, { credentials: "omit", mode: "cors" })
        if (!res.ok) throw new Error(`HTTP ${res.status}`)
        const html = await res.text()
        // The fragment is sanitised on the server; parsing it into a template runs none of its scripts (JSON-LD is data).
        const template = document.createElement("template")
        template.innerHTML = html
        this.replaceChildren(template.content)
        this.setAttribute("data-rendered", "")
        emit(this, `${ctor.kind}:loaded`, { count: this.querySelectorAll(`.cm-${ctor.kind}__item`).length })
      } catch (e) {
        emit(this, `${ctor.kind}:error`, { message: (e as Error).message })
      } finally {
        this.removeAttribute("aria-busy")
        this.loading = false
      }
    }
  }

  class NewsElement extends ContentElement {
    static override path = "/store/cms/news"
    static override kind = "news"
    static override params = ["location-id"]
  }
  class FaqElement extends ContentElement {
    static override path = "/store/cms/faq"
    static override kind = "faq"
    static override params = ["category"]
  }
  class EventsElement extends ContentElement {
    static override path = "/store/events"
    static override kind = "events"
    static override params: string[] = []
  }

  /** Tallest frame accepted (px): a page that reports more is cut off rather than growing the site without end. */
  const MAX_HEIGHT = 20000
  const frames = new Map<Window, FrameElement>()

  /** A transaction element: the server's `/embed/...` page in an iframe that takes the height of its content. */
  class FrameElement extends HTMLElement {
    static kind = ""
    frame: HTMLIFrameElement | null = null
    height = 0

    pageUrl(): string {
      return ""
    }

    connectedCallback(): void {
      if (this.frame) return
      const ctor = this.constructor as typeof FrameElement
      const url = new URL(this.pageUrl(), base())
      url.searchParams.set("locale", localeOf(this))
      url.searchParams.set("cm_parent", location.origin)
      const accent = getComputedStyle(this).getPropertyValue("--cm-accent").trim()
      if (/^#[0-9a-f]{3,8}$/i.test(accent)) url.searchParams.set("accent", accent)
      const frame = document.createElement("iframe")
      frame.src = url.toString()
      frame.title = this.getAttribute("title") ?? ctor.kind
      frame.className = `cm-frame cm-frame--${ctor.kind}`
      frame.setAttribute("loading", "lazy")
      frame.setAttribute("allow", "payment")
      // Fixed, explicit height (never 100%): it changes only when the page reports its content's height.
      frame.style.width = "100%"
      frame.style.border = "0"
      frame.style.display = "block"
      frame.style.height = `${this.getAttribute("height") ?? 600}px`
      // The fallback (a plain link to the same page in a new tab) stays in the DOM for when the frame cannot work.
      const link = this.querySelector<HTMLAnchorElement>("a.cm-fallback") ?? document.createElement("a")
      const direct = new URL(url)
      direct.searchParams.delete("cm_parent")
      link.href = direct.toString()
      link.target = "_blank"
      link.rel = "noopener"
      link.className = "cm-fallback"
      if (!link.textContent) link.textContent = this.getAttribute("fallback-label") ?? direct.toString()
      link.hidden = true
      this.replaceChildren(frame, link)
      this.frame = frame
      if (frame.contentWindow) frames.set(frame.contentWindow, this)
      frame.addEventListener("load", () => {
        if (frame.contentWindow) frames.set(frame.contentWindow, this)
      })
    }

    disconnectedCallback(): void {
      for (const [win, el] of frames) if (el === this) frames.delete(win)
      this.frame = null
    }

    resize(height: number): void {
      const h = Math.min(MAX_HEIGHT, Math.max(0, Math.ceil(height)))
      if (!this.frame || h === this.height) return
      this.height = h
      this.frame.style.height = `${h}px`
      emit(this, `${(this.constructor as typeof FrameElement).kind}:resize`, { height: h })
    }

    /** The page cannot work inside a frame (payment redirect, blocked storage): offer it in a new tab instead. */
    breakOut(url: string | null): void {
      const link = this.querySelector<HTMLAnchorElement>("a.cm-fallback")
      if (link) {
        // Only a web address replaces the link's (never a javascript: or data: URL).
        if (url && /^https?:\/\//i.test(url)) link.href = url
        link.hidden = false
      }
      if (this.frame) {
        // The inline display:block would win over the hidden attribute.
        this.frame.hidden = true
        this.frame.style.display = "none"
      }
    }
  }

  function attr(el: Element, name: string): string {
    return encodeURIComponent(el.getAttribute(name) ?? "")
  }

  class BookingElement extends FrameElement {
    static override kind = "booking"
    override pageUrl(): string {
      return `/embed/booking?location_id=${attr(this, "location")}`
    }
  }
  class EventRegistrationElement extends FrameElement {
    static override kind = "event"
    override pageUrl(): string {
      return `/embed/events/${attr(this, "event")}`
    }
  }
  class VoucherShopElement extends FrameElement {
    static override kind = "vouchers"
    override pageUrl(): string {
      return "/embed/vouchers"
    }
  }
  class TopUpElement extends FrameElement {
    static override kind = "top-up"
    override pageUrl(): string {
      return "/embed/top-up"
    }
  }

  /** Events a page may send up (`cm:event`), each named `<kind>:<what>` and re-dispatched on the element as `cm:<kind>:<what>`. */
  const EVENT_NAME = /^[a-z-]+:[a-z-]+$/

  window.addEventListener("message", (e: MessageEvent) => {
    if (e.origin !== serverOrigin() || !e.source) return
    const el = frames.get(e.source as Window)
    const data = e.data as { type?: unknown; height?: unknown; name?: unknown; detail?: unknown; url?: unknown } | null
    if (!el || !data || typeof data.type !== "string") return
    if (data.type === "cm:resize" && typeof data.height === "number" && Number.isFinite(data.height)) {
      el.resize(data.height)
    } else if (data.type === "cm:event" && typeof data.name === "string" && EVENT_NAME.test(data.name)) {
      emit(el, data.name, data.detail ?? null)
    } else if (data.type === "cm:breakout") {
      const url = typeof data.url === "string" && /^https:\/\/|^http:\/\//.test(data.url) ? data.url : null
      // A popup opened from here would be blocked (no user gesture): the visitor gets the link instead.
      el.breakOut(url)
    }
  })

  const definitions: [string, CustomElementConstructor][] = [
    ["cm-news", NewsElement],
    ["cm-faq", FaqElement],
    ["cm-events", EventsElement],
    ["cm-booking", BookingElement],
    ["cm-event-registration", EventRegistrationElement],
    ["cm-voucher-shop", VoucherShopElement],
    ["cm-top-up", TopUpElement],
  ]

  function define(): void {
    for (const [name, ctor] of definitions) {
      if (!customElements.get(name)) customElements.define(name, ctor)
    }
  }

  function call(command: unknown, arg: unknown): void {
    if (command === "init" && arg && typeof arg === "object") {
      Object.assign(options, arg as Options)
      define()
    } else if (command === "reload") {
      document.querySelectorAll<ContentElement>("cm-news, cm-faq, cm-events").forEach((el) => {
        el.removeAttribute("data-rendered")
        void el.load()
      })
    }
  }

  const queued = Array.from(w.CustomerModules?.q ?? [], (args) => Array.from(args))
  const api: Stub = (...args: unknown[]) => call(args[0], args[1])
  api.loaded = true
  api.options = options
  w.CustomerModules = api
  // The queued init (server URL, language) must apply before the first element loads.
  for (const args of queued) call(args[0], args[1])
  define()
  document.dispatchEvent(new CustomEvent("cm:ready", { detail: { version: "0.1.0" } }))
})()
