/** Reads a PDF back as text (pdf-parse), for tests that check what a document says. */
import { PDFParse } from "pdf-parse"

export async function pdfText(content: Buffer | Uint8Array): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(content) })
  try {
    return (await parser.getText()).text
  } finally {
    await parser.destroy()
  }
}
