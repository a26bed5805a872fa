/** pdfkit ships no types; the part paginated.ts uses (react-pdf's renderer drives the rest). */
declare module "pdfkit" {
  import { EventEmitter } from "events"

  export default class PDFDocument extends EventEmitter {
    constructor(options?: Record<string, unknown>)
  }
}
