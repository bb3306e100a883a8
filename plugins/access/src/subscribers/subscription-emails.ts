import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { AccessEvents } from "../events"
import {
  sendCancelScheduledEmail,
  sendPaymentFailedEmail,
  sendRenewalReceiptEmail,
  sendSubscriptionCanceledEmail,
  sendSubscriptionStartedEmails,
} from "../utils/subscription-emails"

/**
 * The customer's subscription emails (utils/subscription-emails.ts): started (with the trial's
 * end), renewal receipt, payment failed (next retry, a link to update the method), canceled or
 * ended, cancel-at-period-end confirmed. One email per event, however often it is delivered.
 */
/** The payload `send` takes: each event's data as this plugin's workflows emit it. */
type PayloadOf<F extends (...args: never[]) => unknown> = Parameters<F>[1]

export default async function subscriptionEmails({ event, container }: SubscriberArgs<Record<string, unknown>>) {
  const data = event.data ?? {}
  switch (event.name) {
    case AccessEvents.SUBSCRIPTIONS_STARTED:
      return sendSubscriptionStartedEmails(container, (data.ids as string[] | undefined) ?? [])
    case AccessEvents.SUBSCRIPTION_RENEWED:
      return sendRenewalReceiptEmail(container, data as PayloadOf<typeof sendRenewalReceiptEmail>)
    case AccessEvents.SUBSCRIPTION_PAYMENT_FAILED:
      return sendPaymentFailedEmail(container, data as PayloadOf<typeof sendPaymentFailedEmail>)
    case AccessEvents.SUBSCRIPTION_CANCELED:
      return sendSubscriptionCanceledEmail(container, data as PayloadOf<typeof sendSubscriptionCanceledEmail>)
    case AccessEvents.SUBSCRIPTION_UPDATED:
      return sendCancelScheduledEmail(container, data as PayloadOf<typeof sendCancelScheduledEmail>)
  }
}

export const config: SubscriberConfig = {
  event: [
    AccessEvents.SUBSCRIPTIONS_STARTED,
    AccessEvents.SUBSCRIPTION_RENEWED,
    AccessEvents.SUBSCRIPTION_PAYMENT_FAILED,
    AccessEvents.SUBSCRIPTION_CANCELED,
    AccessEvents.SUBSCRIPTION_UPDATED,
  ],
  context: { subscriberId: "access-subscription-emails" },
}
