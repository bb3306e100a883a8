import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ORG_MODULE } from "../../modules/org"
import type OrgModuleService from "../../modules/org/service"

export const HANDLE_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

/** Refuses a malformed or taken handle before anything is created. */
export const validateOrgHandleStep = createStep(
  "validate-org-handle",
  async ({ handle }: { handle: string }, { container }) => {
    if (!HANDLE_PATTERN.test(handle)) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `handle "${handle}" must be lowercase letters, digits and single dashes`
      )
    }
    const orgs = container.resolve<OrgModuleService>(ORG_MODULE)
    const [taken] = await orgs.listOrgs({ handle }, { take: 1, select: ["id"] })
    if (taken) {
      throw new MedusaError(
        MedusaError.Types.DUPLICATE_ERROR,
        `An org with handle "${handle}" already exists`
      )
    }
    return new StepResponse(handle)
  }
)
