import type { MedusaRequest } from "@medusajs/framework/http"
import type { InferTypeOf } from "@medusajs/framework/types"
import type { OrgModuleService } from "@volmify/orgs/modules/org"
import { renderCertificatePdf } from "../../certificates/pdf"
import { COURSE_MODULE } from "../../modules/course"
import type { Certificate } from "../../modules/course/models/certificate"
import type CourseModuleService from "../../modules/course/service"

export const CERTIFICATE_FIELDS = ["id", "code", "course_id", "org_id", "student_name", "course_title", "org_name", "issued_at"]

/** A certificate as CERTIFICATE_FIELDS selects it. */
export type CertificateRow = Pick<
  InferTypeOf<typeof Certificate>,
  "id" | "code" | "course_id" | "org_id" | "student_name" | "course_title" | "org_name" | "issued_at"
>

/** What a student sees of their certificate in the learning area. */
export function presentCertificate(c: CertificateRow) {
  return {
    id: c.id,
    code: c.code,
    course_id: c.course_id,
    course_title: c.course_title,
    student_name: c.student_name,
    org_name: c.org_name,
    issued_at: c.issued_at,
    pdf_path: `/store/customers/me/certificates/${c.id}/pdf`,
  }
}

/** The PDF of a certificate with its org's template (and branding colour as the default accent). */
export async function certificatePdf(req: MedusaRequest, certificate: CertificateRow) {
  const service = req.scope.resolve<CourseModuleService>(COURSE_MODULE)
  const [[settings], [org]] = await Promise.all([
    service.listCertificateSettings({ org_id: certificate.org_id }, { take: 1 }),
    req.scope.resolve<OrgModuleService>("org").listOrgs({ id: certificate.org_id }, { select: ["id", "branding"] }),
  ])
  // The org's branding JSON is an OrgBranding of @volmify/orgs (a JSON column is typed as a plain record).
  const branding = org?.branding as { primary_color?: string | null } | null | undefined
  const verifyBase = process.env.CERTIFICATE_VERIFY_URL_BASE
  return renderCertificatePdf({
    ...certificate,
    title: settings?.title,
    body_text: settings?.body_text,
    signatory_name: settings?.signatory_name,
    signatory_title: settings?.signatory_title,
    accent_color: settings?.accent_color ?? branding?.primary_color ?? null,
    verify_url: verifyBase ? `${verifyBase.replace(/\/$/, "")}/${certificate.code}` : null,
  })
}
