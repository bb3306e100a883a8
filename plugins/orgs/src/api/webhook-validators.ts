import { z } from "@medusajs/framework/zod"
import { text } from "../validation"
import { WEBHOOK_EVENTS } from "../rules/webhooks"

const Url = text().min(1).max(2000)
const Events = z
  .array(z.enum(WEBHOOK_EVENTS))
  .min(1, "events must name at least one event")
  .max(WEBHOOK_EVENTS.length)
  .transform((events) => [...new Set(events)])

/** POST /admin/orgs/:id/webhooks */
export const AdminCreateWebhookSchema = z
  .object({ url: Url, events: Events, description: text().max(500).nullish(), enabled: z.boolean().default(true) })
  .strict()

/** POST /admin/orgs/:id/webhooks/:webhook_id */
export const AdminUpdateWebhookSchema = z
  .object({ url: Url.optional(), events: Events.optional(), description: text().max(500).nullish(), enabled: z.boolean().optional() })
  .strict()

/** GET /admin/orgs/:id/webhooks/:webhook_id/deliveries */
export const AdminListWebhookDeliveriesQuerySchema = z
  .object({
    status: z.enum(["pending", "succeeded", "failed"]).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict()

/** GET /admin/orgs/:id/webhooks: no parameters (`fields` and the like are refused). */
export const AdminListWebhooksQuerySchema = z.object({}).strict()

export type AdminCreateWebhook = z.infer<typeof AdminCreateWebhookSchema>
export type AdminUpdateWebhook = z.infer<typeof AdminUpdateWebhookSchema>
