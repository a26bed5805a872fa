/**
 * /embed/frame.js: the page side of the iframe protocol, for every
 * `/embed/...` page. Include it with `<script src="/embed/frame.js" defer>`.
 *
 * Inside a frame opened by the loader (`?cm_parent=<the site's origin>`), it
 * posts `{ type: "cm:resize", height }` to that origin whenever the height of
 * the content changes (measured from the content, never from the viewport, so
 * the frame cannot grow by itself), and offers
 * `CustomerModulesFrame.emit("booking:confirmed", detail)` and
 * `CustomerModulesFrame.breakOut(url?)` to the page. Outside a frame it does
 * nothing. Messages go only to the origin named by `cm_parent`: the browser
 * drops them when the parent is any other site.
 */
;(function () {
  const parentOrigin = new URLSearchParams(location.search).get("cm_parent")
  const framed = window.parent !== window && !!parentOrigin && /^https?:\/\/[^/]+$/.test(parentOrigin)
  function post(message: Record<string, unknown>): void {
    if (framed) window.parent.postMessage(message, parentOrigin as string)
  }
  let last = -1
  function measure(): void {
    const body = document.body
    if (!body) return
    let bottom = 0
    for (const child of Array.from(body.children)) {
      const style = getComputedStyle(child)
      if (style.position === "fixed" || style.display === "none") continue
      bottom = Math.max(bottom, child.getBoundingClientRect().bottom + window.scrollY + parseFloat(style.marginBottom || "0"))
    }
    const height = Math.ceil(bottom + parseFloat(getComputedStyle(body).marginBottom || "0") + parseFloat(getComputedStyle(body).paddingBottom || "0"))
    if (height !== last) {
      last = height
      post({ type: "cm:resize", height })
    }
  }
  ;(window as unknown as { CustomerModulesFrame: unknown }).CustomerModulesFrame = {
    framed,
    emit(name: string, detail?: unknown) {
      post({ type: "cm:event", name, detail: detail ?? null })
    },
    breakOut(url?: string) {
      if (framed) post({ type: "cm:breakout", url: url ?? location.href.replace(/([?&])cm_parent=[^&]*&?/, "$1") })
      else if (url) location.assign(url)
    },
    resize: measure,
  }
  if (!framed) return
  document.documentElement.classList.add("cm-framed")
  const start = (): void => {
    measure()
    if (typeof ResizeObserver === "function") new ResizeObserver(measure).observe(document.body)
    new MutationObserver(measure).observe(document.body, { childList: true, subtree: true, attributes: true, characterData: true })
    window.addEventListener("load", measure)
  }
  if (document.body) start()
  else document.addEventListener("DOMContentLoaded", start)
})()
