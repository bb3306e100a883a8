import type { MedusaContainer } from "@medusajs/framework/types"
import { WEBHOOK_MODULE, type WebhookModuleService } from "../modules/webhook"

// The events some enabled endpoint (of any org) wants, read at most once a second per
// process. Most events of a platform go to no endpoint: without this, each of them ran a
// workflow with its own queries, and a burst (1,000 enrollments from an import) held enough
// connections to starve the app's pool. An endpoint made in another process is seen within
// a second; one made or changed in this process at once (`forgetWebhookSubscriptions`).
const TTL_MS = 1000
let wanted: { at: number; events: Set<string> } | null = null
let reading: { generation: number; promise: Promise<Set<string>> } | null = null
let generation = 0

/** After an endpoint is created, changed or deleted in this process. */
export function forgetWebhookSubscriptions() {
  generation++
  wanted = null
}

/** The webhook events at least one enabled endpoint subscribes to. */
export async function wantedWebhookEvents(container: MedusaContainer): Promise<Set<string>> {
  if (wanted && Date.now() - wanted.at < TTL_MS) return wanted.events
  // A read started before the last change may miss it: start a fresh one.
  if (reading?.generation === generation) return reading.promise
  const mine = generation
  const promise = container
    .resolve<WebhookModuleService>(WEBHOOK_MODULE)
    .listWebhookEndpoints({ enabled: true }, { select: ["events"] })
    .then((endpoints) => {
      const events = new Set<string>(endpoints.flatMap((e) => (Array.isArray(e.events) ? (e.events as string[]) : [])))
      if (mine === generation) wanted = { at: Date.now(), events }
      return events
    })
    .finally(() => {
      if (reading?.promise === promise) reading = null
    })
  reading = { generation: mine, promise }
  return promise
}

