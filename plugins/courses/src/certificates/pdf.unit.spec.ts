import { renderCertificatePdf } from "./pdf"

import { pdfText } from "../../../../integration-tests/helpers/pdf"

describe("renderCertificatePdf", () => {
  // Rendering and re-reading a PDF loads pdfkit and pdfjs: seconds on a loaded machine, not a
  // speed check (it hit jest's 5 s default under load twice), so the budget is generous.
  const PDF_TIMEOUT_MS = 60_000

  it("writes a PDF whose extracted text has the student, course, org, title and code", async () => {
    const bytes = await renderCertificatePdf({
      code: "VCRT-7K3M-Q9XD-2HTW-AB12",
      student_name: "Ada Lovelace",
      course_title: "TypeScript from Zero",
      org_name: "Acme Academy",
      issued_at: "2026-11-22T10:00:00Z",
      title: "Diploma of Learning",
      signatory_name: "Grace Hopper",
      verify_url: "https://learn.acme.test/certificates/verify/VCRT-7K3M-Q9XD-2HTW-AB12",
    })
    const text = await pdfText(bytes)
    for (const s of ["Ada Lovelace", "TypeScript from Zero", "ACME ACADEMY", "Diploma of Learning", "Grace Hopper", "VCRT-7K3M-Q9XD-2HTW-AB12", "22 November 2026"]) {
      expect([s, text.includes(s)]).toEqual([s, true])
    }
  }, PDF_TIMEOUT_MS)

  it("prints characters the standard fonts cannot draw as ? instead of failing", async () => {
    const bytes = await renderCertificatePdf({ code: "C", student_name: "山田 Zoë", course_title: "T", org_name: "O", issued_at: new Date() })
    const text = await pdfText(bytes)
    expect(text).toContain("?? Zoë")
  }, PDF_TIMEOUT_MS)
})
