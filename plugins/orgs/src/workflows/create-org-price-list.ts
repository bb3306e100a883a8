import type { CreatePriceListWorkflowInputDTO } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createPriceListsWorkflow, createRemoteLinkStep } from "@medusajs/medusa/core-flows"
import { ORG_MODULE } from "../modules/org"

/**
 * Price lists have no creation hook in core-flows. Org staff's POST /admin/price-lists is
 * answered by this workflow instead of the core route: the price list and its org link
 * are made in one workflow, so a failing link rolls the price list back (the nested
 * createPriceListsWorkflow compensates) and a half-owned price list cannot exist.
 */
export const createOrgPriceListWorkflow = createWorkflow(
  "volmify-create-org-price-list",
  (input: { org_id: string; price_list: CreatePriceListWorkflowInputDTO }) => {
    const data = transform({ input }, ({ input }) => [input.price_list])
    const created = createPriceListsWorkflow.runAsStep({ input: { price_lists_data: data } })
    const links = transform({ created, input }, ({ created, input }) =>
      created.map((list) => ({
        [ORG_MODULE]: { org_id: input.org_id },
        [Modules.PRICING]: { price_list_id: list.id },
      }))
    )
    createRemoteLinkStep(links)
    const priceList = transform({ created }, ({ created }) => created[0])
    return new WorkflowResponse(priceList)
  }
)
