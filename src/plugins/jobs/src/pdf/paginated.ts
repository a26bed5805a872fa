/**
 * A react-pdf element to PDF bytes, as `renderToBuffer` does (react-pdf's own
 * layout, renderer and font store), with one difference: the frame's
 * "page / pages" text is filled in after pagination instead of through a
 * render prop. A render prop makes react-pdf's paginator lay the whole page
 * out again before every split and every page once more for the page count
 * (decision 160); the page number is one short line whose box does not depend
 * on its digits, so it is laid out once with a placeholder and each page's
 * copy gets the lines of its own text afterwards.
 */
import type { EventEmitter } from "events"

import layoutPdf from "@react-pdf/layout"
import renderPdf from "@react-pdf/render"
import * as ReactPdf from "@react-pdf/renderer"
import type { DocumentProps } from "@react-pdf/renderer"
import type { ReactElement } from "react"

/** The prop that marks the frame's page number text (frame.tsx). */
const PAGE_NUMBER_MARK = "data-page-number"
/** Laid out in its place; any "n / m" of a document takes the same single line. */
const PLACEHOLDER = "1 / 1"
/** Lines per (style, width, text): a few dozen in practice ("1 / 1", "1 / 2", "2 / 2" …). */
const MAX_CACHED_LINES = 500
/** Document options this file does not pass to pdfkit: such a document goes through `renderToBuffer` as it is. */
const UNHANDLED_OPTIONS = ["conformance", "ownerPassword", "userPassword", "permissions", "pageMode"]

/** react-pdf's node tree, as far as this file reads it. */
type PdfNode = {
  type: string
  props?: Record<string, unknown>
  style?: Record<string, unknown>
  box?: { width?: number }
  children?: PdfNode[]
  lines?: unknown[] | null
  value?: string
}

/** react-pdf's reconciler (exported, not in its types): the element to its node tree. */
type Reconciler = {
  createContainer(container: object): unknown
  updateContainer(element: ReactElement | null, root: unknown, parent: null, callback: () => void): void
}
const { createRenderer, Font, renderToBuffer } = ReactPdf as unknown as typeof ReactPdf & { createRenderer(o: object): Reconciler }
/** pdfkit (untyped), the document react-pdf's renderer draws on. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const PDFDocument = require("pdfkit") as new (options: Record<string, unknown>) => EventEmitter
/** react-pdf's layout with the font store its renderer uses (typed with one parameter). */
const layoutDocument = layoutPdf as unknown as (doc: PdfNode, fontStore: unknown) => Promise<PdfNode>
// One reconciler for this module (react-pdf's `pdf()` keeps its own the same way).
const reconciler = createRenderer({})
const linesCache = new Map<string, unknown[]>()

/** The element as a PDF: react-pdf's layout and renderer, the page numbers stamped after pagination. */
export async function renderElement(element: ReactElement<DocumentProps>): Promise<Buffer> {
  if (UNHANDLED_OPTIONS.some((o) => element.props[o as keyof DocumentProps] !== undefined)) {
    return renderToBuffer(element)
  }
  const container: { type: "ROOT"; document: PdfNode | null } = { type: "ROOT", document: null }
  reconciler.updateContainer(element, reconciler.createContainer(container), null, () => undefined)
  const doc = container.document as PdfNode
  const layout = await layoutDocument(withPlaceholders(doc), Font)
  const pages = layout.children ?? []
  const numbered: PdfNode = { ...layout, children: await Promise.all(pages.map((page, i) => numberPage(page, `${i + 1} / ${pages.length}`))) }
  return write(numbered, (doc.props ?? {}) as DocumentProps)
}

/** Marked page number texts lose their render prop and hold the placeholder. */
function withPlaceholders(node: PdfNode): PdfNode {
  if (node.props?.[PAGE_NUMBER_MARK]) {
    const { render: _render, ...props } = node.props
    return { ...node, props, children: [{ type: "TEXT_INSTANCE", value: PLACEHOLDER }] }
  }
  return node.children ? { ...node, children: node.children.map(withPlaceholders) } : node
}

/** The page with its marked texts saying `text`: copies along the way, since fixed nodes may be shared between pages. */
async function numberPage(node: PdfNode, text: string): Promise<PdfNode> {
  if (node.props?.[PAGE_NUMBER_MARK] && node.lines) {
    return { ...node, children: [{ type: "TEXT_INSTANCE", value: text }], lines: await linesFor(node, text) }
  }
  if (!node.children?.length || node.type === "TEXT") {
    return node
  }
  return { ...node, children: await Promise.all(node.children.map((c) => numberPage(c, text))) }
}

/**
 * The laid-out lines of `text` in the node's (inherited, resolved) style and
 * width: a one-text page through react-pdf's own layout, so the glyphs and
 * their positions are exactly what the render prop would have produced.
 */
async function linesFor(node: PdfNode, text: string): Promise<unknown[]> {
  const width = node.box?.width ?? 0
  const key = `${JSON.stringify(node.style ?? {})}|${width}|${text}`
  const hit = linesCache.get(key)
  if (hit) {
    return hit
  }
  const probe: PdfNode = { type: "TEXT", props: {}, style: { ...node.style, width }, box: {}, children: [{ type: "TEXT_INSTANCE", value: text }] }
  const page: PdfNode = { type: "PAGE", props: { size: [Math.max(width, 1), 1000], wrap: false }, style: {}, box: {}, children: [probe] }
  const laid = await layoutDocument({ type: "DOCUMENT", props: {}, style: {}, box: {}, children: [page] }, Font)
  const lines = laid.children?.[0]?.children?.[0]?.lines ?? []
  if (linesCache.size >= MAX_CACHED_LINES) {
    linesCache.delete(linesCache.keys().next().value as string)
  }
  linesCache.set(key, lines)
  return lines
}

/** The laid-out document through pdfkit, with the document options react-pdf's `renderToBuffer` passes. */
function write(layout: PdfNode, props: DocumentProps): Promise<Buffer> {
  const info = Object.fromEntries(
    Object.entries({
      Title: props.title,
      Author: props.author,
      Subject: props.subject,
      Keywords: props.keywords,
      Creator: props.creator ?? "react-pdf",
      Producer: props.producer ?? "react-pdf",
      CreationDate: props.creationDate ?? new Date(),
      ModificationDate: props.modificationDate,
    }).filter(([, v]) => v !== undefined)
  )
  const ctx = new PDFDocument({ compress: true, pdfVersion: props.pdfVersion, lang: props.language, displayTitle: true, autoFirstPage: false, pageLayout: props.pageLayout, info })
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = []
    ctx.on("data", (c: Buffer) => chunks.push(c))
    ctx.on("end", () => resolve(Buffer.concat(chunks)))
    ctx.on("error", reject)
    try {
      renderPdf(ctx as never, layout as never)
    } catch (e) {
      reject(e)
    }
  })
}
