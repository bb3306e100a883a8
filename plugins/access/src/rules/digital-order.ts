/**
 * Whether an order can be captured the moment it is placed: every line is digital access
 * (its variant has an access plan) and no line needs shipping. One physical line keeps the
 * whole order on manual capture, so staff still capture when they ship.
 */
export type CaptureLine = { variant_id?: string | null; requires_shipping?: boolean | null }

export function isDigitalOnlyOrder(lines: CaptureLine[], variantsWithPlan: Iterable<string>): boolean {
  const planned = new Set(variantsWithPlan)
  return (
    lines.length > 0 &&
    lines.every((l) => !!l.variant_id && planned.has(l.variant_id) && l.requires_shipping !== true)
  )
}

/** Revoke reason staff read on an entitlement whose payment could not be captured. */
export function captureFailureReason(message: string | undefined): string {
  const detail = (message ?? "").trim().slice(0, 300)
  return detail ? `payment capture failed: ${detail}` : "payment capture failed"
}
