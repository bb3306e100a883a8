import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { accessPluginOptions } from "../options"
import { captureDigitalOrderWorkflow } from "../workflows/capture-digital-order"

/** order.placed -> capture an all-digital order at once (option `autoCaptureDigitalOrders`). */
export default async function orderCaptureSubscriber({ event, container }: SubscriberArgs<{ id: string }>) {
  if (!accessPluginOptions(container).autoCaptureDigitalOrders) {
    return
  }
  await captureDigitalOrderWorkflow(container).run({ input: { order_id: event.data.id } })
}

export const config: SubscriberConfig = {
  event: "order.placed",
  context: { subscriberId: "access-order-capture" },
}
