import { PDFDocument, PDFFont, rgb, StandardFonts } from "pdf-lib"

export type CertificatePdfInput = {
  code: string
  student_name: string
  course_title: string
  org_name: string
  issued_at: Date | string
  title?: string | null
  body_text?: string | null
  signatory_name?: string | null
  signatory_title?: string | null
  accent_color?: string | null
  verify_url?: string | null
}

const hexToRgb = (hex: string | null | undefined) => {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex ?? "")
  const n = m ? parseInt(m[1], 16) : 0x1f3a68
  return rgb(((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255)
}

/**
 * The standard PDF fonts only encode WinAnsi (Latin-1 and a few more): characters they
 * cannot draw become "?" rather than failing the download. (Embedding a Unicode font file
 * is the way to print other scripts.)
 */
export function drawable(font: PDFFont, text: string): string {
  let out = ""
  for (const ch of text) {
    try {
      font.encodeText(ch)
      out += ch
    } catch {
      out += "?"
    }
  }
  return out
}

/** A one-page landscape A4 certificate made with pdf-lib and the standard fonts (no files, no network). */
export async function renderCertificatePdf(input: CertificatePdfInput): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  doc.setTitle(`${input.title || "Certificate of Completion"}: ${input.student_name}`)
  doc.setAuthor(input.org_name)
  doc.setSubject(input.course_title)
  doc.setCreationDate(new Date(input.issued_at))
  const page = doc.addPage([842, 595])
  const [regular, bold, italic] = await Promise.all([
    doc.embedFont(StandardFonts.Helvetica),
    doc.embedFont(StandardFonts.HelveticaBold),
    doc.embedFont(StandardFonts.HelveticaOblique),
  ])
  const accent = hexToRgb(input.accent_color)
  const grey = rgb(0.35, 0.35, 0.4)
  const { width, height } = page.getSize()
  page.drawRectangle({ x: 24, y: 24, width: width - 48, height: height - 48, borderColor: accent, borderWidth: 4 })
  page.drawRectangle({ x: 34, y: 34, width: width - 68, height: height - 68, borderColor: accent, borderWidth: 1 })
  const centred = (text: string, y: number, font: PDFFont, size: number, color = rgb(0.1, 0.1, 0.12)) => {
    const safe = drawable(font, text)
    let s = size
    while (s > 10 && font.widthOfTextAtSize(safe, s) > width - 120) s -= 1
    page.drawText(safe, { x: (width - font.widthOfTextAtSize(safe, s)) / 2, y, size: s, font, color })
  }
  const issued = new Date(input.issued_at)
  const date = issued.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" })
  centred(input.org_name.toUpperCase(), height - 95, bold, 16, accent)
  centred(input.title || "Certificate of Completion", height - 160, bold, 34)
  centred("This certifies that", height - 215, italic, 14, grey)
  centred(input.student_name, height - 265, bold, 30, accent)
  centred(input.body_text || "has successfully completed the course", height - 305, regular, 14, grey)
  centred(input.course_title, height - 345, bold, 22)
  centred(`Issued on ${date}`, height - 390, regular, 12, grey)
  if (input.signatory_name) {
    page.drawLine({ start: { x: width / 2 - 110, y: 150 }, end: { x: width / 2 + 110, y: 150 }, thickness: 1, color: grey })
    centred(input.signatory_name, 132, bold, 12)
    if (input.signatory_title) centred(input.signatory_title, 116, regular, 10, grey)
  }
  centred(`Verification code: ${input.code}`, 72, regular, 10, grey)
  if (input.verify_url) centred(`Verify at ${input.verify_url}`, 58, regular, 9, grey)
  return doc.save()
}
