import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { AttributionEvents } from "../events"
import type { ReportedFee } from "../rules/processing-fee"
import { adjustOrderProcessingFeeWorkflow } from "../workflows/adjust-processing-fee"

/** attribution.processing_fee.reported -> adjust the order's posting to the provider's fee (once). */
export default async function processingFeeReportedSubscriber({
  event,
  container,
}: SubscriberArgs<{ order_id: string; processing_fee: ReportedFee }>) {
  const { order_id, processing_fee } = event.data ?? ({} as Partial<{ order_id: string; processing_fee: ReportedFee }>)
  if (!order_id || !processing_fee) return
  await adjustOrderProcessingFeeWorkflow(container).run({ input: { order_id, processing_fee } })
}

export const config: SubscriberConfig = { event: AttributionEvents.PROCESSING_FEE_REPORTED }
