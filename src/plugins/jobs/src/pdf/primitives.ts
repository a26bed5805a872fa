/**
 * react-pdf's building blocks without loading react-pdf. Its primitives (`Text`, `View`, …)
 * are plain strings that its renderer reads as element types, and `StyleSheet.create` answers
 * its argument: documents built from these are the very elements react-pdf's own exports make.
 * Every document kind is registered in the API's thread (schema, sample), and only the render
 * path (render.tsx, in the PDF threads) needs react-pdf itself: about 50 MB of RSS that the
 * API's thread no longer holds (decision 165). A unit test checks these against react-pdf.
 */
import type * as ReactPdf from "@react-pdf/renderer"

export const Document = "DOCUMENT" as unknown as typeof ReactPdf.Document
export const Page = "PAGE" as unknown as typeof ReactPdf.Page
export const View = "VIEW" as unknown as typeof ReactPdf.View
export const Text = "TEXT" as unknown as typeof ReactPdf.Text
export const Image = "IMAGE" as unknown as typeof ReactPdf.Image
export const Link = "LINK" as unknown as typeof ReactPdf.Link

export const StyleSheet: Pick<typeof ReactPdf.StyleSheet, "create"> = {
  create: (styles) => styles,
}
