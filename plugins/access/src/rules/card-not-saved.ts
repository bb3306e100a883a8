/**
 * What the customer reads when the payment provider did not save their card, from the
 * error the payment module threw. Medusa's payment module (`createPaymentMethods`) runs the
 * provider through `promiseAll(..., { aggregateErrors: true })`, which throws a plain
 * `Error` carrying only the provider's message(s), one a line: Stripe's card error type
 * (`StripeCardError`) is gone by then, but its message is written for the cardholder
 * ("Your card was declined."). A saved-card route answers it as a 400 with that reason
 * instead of Medusa's "An unknown error occurred." (500), so the storefront can say why
 * and the customer can try another card.
 */
export function cardNotSavedMessage(error: unknown): string {
  const raw = error instanceof Error ? error.message : typeof error === "string" ? error : ""
  const reason = raw
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .join(" ")
  return `The card could not be saved: ${reason || "the payment provider refused it."}`
}
