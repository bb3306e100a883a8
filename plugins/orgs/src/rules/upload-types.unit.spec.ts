import { decideUpload, isInlineMime } from "./upload-types"

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52])
const PDF = new TextEncoder().encode("%PDF-1.7\n1 0 obj\n")
const HTML = new TextEncoder().encode("<!doctype html><script>alert(document.cookie)</script>")
const SVG = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')
const ZIP = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0x06, 0])

describe("upload types", () => {
  it("refuses HTML and SVG whatever they are called", () => {
    for (const [content, name] of [[HTML, "page.html"], [SVG, "logo.svg"], [HTML, "cover.png"], [SVG, "x.pdf"]] as const) {
      const d = decideUpload(content, name)
      expect(d.ok).toBe(false)
      expect(!d.ok && d.reason).toMatch(/content of no known type \(text, HTML or SVG\)/)
    }
  })

  it("stores what the content proves under that type's extension", () => {
    expect(decideUpload(PNG, "cover.html")).toEqual({ ok: true, extension: "png", mime: "image/png", filename: "cover.png" })
    expect(decideUpload(PDF, "notes.PDF")).toMatchObject({ ok: true, extension: "pdf", filename: "notes.pdf" })
    expect(decideUpload(PNG, "../../etc/pass wd.png")).toMatchObject({ ok: true, filename: "..-..-etc-pass-wd.png" })
  })

  it("takes zip containers only as office documents named so", () => {
    expect(decideUpload(ZIP, "slides.pptx")).toMatchObject({ ok: true, extension: "pptx" })
    const zip = decideUpload(ZIP, "bundle.zip")
    expect(zip.ok).toBe(false)
    expect(!zip.ok && zip.reason).toMatch(/is zip content/)
  })

  it("shows images and video inline, downloads the rest", () => {
    expect(isInlineMime("image/png")).toBe(true)
    expect(isInlineMime("video/mp4")).toBe(true)
    expect(isInlineMime("application/pdf")).toBe(false)
    expect(isInlineMime("audio/mpeg")).toBe(false)
  })
})
