import { formatMoney, promotionLabel } from "@/lib/data"

type Adjusted = { adjustments?: { code?: string | null }[] | null }

/** The order's discount and the promotion codes that gave it (from its lines' adjustments). */
export function OrderDiscount({ order }: { order: { discount_total?: number | null; currency_code: string; items: Adjusted[] } }) {
  if (!order.discount_total || order.discount_total <= 0) return null
  const codes = [...new Set(order.items.flatMap((i) => (i.adjustments ?? []).map((a) => a.code)).filter((c): c is string => !!c))]
  return (
    <p className="spread" data-testid="order-discount">
      <span>Discount{codes.length ? ` (${codes.map(promotionLabel).join(", ")})` : ""}</span>
      <span>−{formatMoney(order.discount_total, order.currency_code)}</span>
    </p>
  )
}
