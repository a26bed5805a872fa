/** Markdown → safe HTML and plain text: core's (one sanitiser for every plugin). */
export { markdownToHtml, markdownToText } from "@customer-modules/core"
