import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createStep, createWorkflow, StepResponse, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { MedusaError } from "@medusajs/framework/utils"
import { AssessmentEvents } from "../events"
import { COURSE_MODULE } from "../modules/course"
import type CourseModuleService from "../modules/course/service"
import { updateCertificatesStep } from "./steps/records"

export type RevokeCertificateInput = {
  id: string
  /** Only a certificate of this org (null: every org, for platform operators). */
  org_id: string | null
  reason: string
  revoked_by: string | null
}

/** The certificate must exist (in the caller's org: another org's is a 404) and not be revoked yet (409). */
export const planCertificateRevocationStep = createStep(
  "plan-certificate-revocation",
  async (input: RevokeCertificateInput, { container }) => {
    const [certificate] = await container
      .resolve<CourseModuleService>(COURSE_MODULE)
      .listCertificates({ id: input.id }, { take: 1, select: ["id", "org_id", "revoked_at"] })
    if (!certificate || (input.org_id && certificate.org_id !== input.org_id)) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Certificate "${input.id}" was not found`)
    }
    if (certificate.revoked_at) {
      throw new MedusaError(MedusaError.Types.CONFLICT, `Certificate "${input.id}" is already revoked`)
    }
    return new StepResponse([{ id: certificate.id, revoked_at: new Date(), revoked_reason: input.reason, revoked_by: input.revoked_by }])
  }
)

/**
 * Revokes an issued certificate: it stays on record (so the enrollment gets no new one and
 * its code verifies as revoked), the student no longer sees it or its PDF. Compensation
 * writes the previous values back.
 */
export const revokeCertificateWorkflow = createWorkflow("revoke-certificate", (input: RevokeCertificateInput) => {
  const planned = planCertificateRevocationStep(input)
  const updated = updateCertificatesStep(planned)
  emitEventStep({
    eventName: AssessmentEvents.CERTIFICATE_REVOKED,
    data: transform({ updated }, ({ updated }) => ({ id: updated[0].id })),
  })
  return new WorkflowResponse(transform({ updated }, ({ updated }) => updated[0]))
})
