import type { MedusaContainer } from "@medusajs/framework/types"
import { createStep, createWorkflow, StepResponse, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { COURSE_MODULE } from "../modules/course"
import type CourseModuleService from "../modules/course/service"
import { createCertificateSettingsStep, updateCertificateSettingsStep } from "./steps/records"

const courses = (container: MedusaContainer) => container.resolve<CourseModuleService>(COURSE_MODULE)

export type SaveCertificateSettingsInput = {
  org_id: string
  title?: string
  body_text?: string
  signatory_name?: string | null
  signatory_title?: string | null
  accent_color?: string | null
}

export const planCertificateSettingsStep = createStep(
  "plan-certificate-settings",
  async (input: SaveCertificateSettingsInput, { container }) => {
    const [existing] = await courses(container).listCertificateSettings({ org_id: input.org_id }, { take: 1, select: ["id"] })
    return new StepResponse({
      create: existing ? [] : [input],
      update: existing ? [{ ...input, id: existing.id }] : [],
    })
  }
)

/** The org's certificate template (created on first save). */
export const saveCertificateSettingsWorkflow = createWorkflow("save-certificate-settings", (input: SaveCertificateSettingsInput) => {
  const plan = planCertificateSettingsStep(input)
  const created = createCertificateSettingsStep(transform({ plan }, ({ plan }) => plan.create))
  const updated = updateCertificateSettingsStep(transform({ plan }, ({ plan }) => plan.update))
  return new WorkflowResponse(transform({ created, updated }, ({ created, updated }) => created[0] ?? updated[0]))
})
