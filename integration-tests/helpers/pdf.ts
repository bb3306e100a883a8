import path from "node:path"

// pdfjs-dist's CommonJS build (v3): text extraction only, no canvas, no network.
const pdfjs = require("pdfjs-dist/legacy/build/pdf.js")
const STANDARD_FONTS = path.join(path.dirname(require.resolve("pdfjs-dist/package.json")), "standard_fonts") + path.sep

/** The text of every page of a PDF, items joined by spaces, pages by newlines. */
export async function pdfText(bytes: Uint8Array | Buffer): Promise<string> {
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(bytes),
    standardFontDataUrl: STANDARD_FONTS,
    isEvalSupported: false,
    verbosity: 0,
  }).promise
  const pages: string[] = []
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent()
    pages.push(content.items.map((item: { str?: string }) => item.str ?? "").join(" "))
  }
  await doc.destroy()
  return pages.join("\n")
}
