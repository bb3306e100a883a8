import type { MedusaContainer } from "@medusajs/framework/types"
import { sendDripNoticesWorkflow } from "../workflows/drip-notices"

/** Every 15 minutes: "your next lesson is open" notices, each sent once (see the workflow). */
export default async function sendDripNoticesJob(container: MedusaContainer) {
  await sendDripNoticesWorkflow(container).run({ input: {} })
}

export const config = { name: "send-drip-notices", schedule: "*/15 * * * *" }
