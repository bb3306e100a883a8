import { MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { normaliseVerificationCode, VERIFICATION_CODE_PATTERN } from "../../../../../certificates/code"
import { courseService } from "../../../../utils/store-courses"

import { resolveStoreOrg } from "@volmify/orgs/tenancy"

/**
 * GET /store/certificates/verify/:code (no login): confirms a certificate of the key's org
 * with only what is printed on it (student name, course, org, date). Unknown codes and
 * other orgs' codes are the same 404; a revoked one answers `valid: false` with `revoked_at`.
 */
export async function GET(req: MedusaStoreRequest, res: MedusaResponse) {
  const org = await resolveStoreOrg(req)
  const code = normaliseVerificationCode(req.params.code)
  const [certificate] = VERIFICATION_CODE_PATTERN.test(code)
    ? await courseService(req).listCertificates(
        { code, org_id: org.id },
        { take: 1, select: ["code", "student_name", "course_title", "org_name", "issued_at", "revoked_at"] }
      )
    : []
  if (!certificate) throw new MedusaError(MedusaError.Types.NOT_FOUND, "No certificate has this verification code")
  res.json({
    certificate: {
      // A revoked certificate still answers (so a verifier learns it was revoked), as not valid.
      valid: !certificate.revoked_at,
      revoked_at: certificate.revoked_at ?? null,
      code: certificate.code,
      student_name: certificate.student_name,
      course_title: certificate.course_title,
      org_name: certificate.org_name,
      issued_at: certificate.issued_at,
    },
  })
}
