/**
 * How much of a commission a refund takes back, proportionally: after refunds totalling
 * `refunded_minor` of an order that brought in `order_total_minor`, the commission keeps
 * original x (1 - refunded / total), rounded half up; the clawback is what it held beyond
 * that, minus what earlier refunds already took. Never negative, never more than the
 * original. A full refund takes everything back.
 */
export function cumulativeClawback(input: {
  original_minor: bigint
  refunded_minor: bigint
  order_total_minor: bigint
}): bigint {
  const { original_minor, order_total_minor } = input
  if (original_minor <= 0n || order_total_minor <= 0n) return 0n
  const refunded = input.refunded_minor < 0n ? 0n : input.refunded_minor > order_total_minor ? order_total_minor : input.refunded_minor
  const remaining = order_total_minor - refunded
  const kept = (original_minor * remaining * 2n + order_total_minor) / (2n * order_total_minor)
  return original_minor - kept
}

export function additionalClawback(input: {
  original_minor: bigint
  refunded_minor: bigint
  order_total_minor: bigint
  already_clawed_minor: bigint
}): bigint {
  const due = cumulativeClawback(input) - input.already_clawed_minor
  return due > 0n ? due : 0n
}
