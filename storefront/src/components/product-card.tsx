import Link from "@/components/link"
import { formatMoney } from "@/lib/money"
import type { Product } from "@/lib/data"

/** A course in a list: title, subtitle, the lowest price in the visitor's region. */
export function ProductCard({ product }: { product: Product }) {
  const prices = product.variants
    .map((v) => v.calculated_price)
    .filter((p): p is NonNullable<typeof p> => !!p && p.calculated_amount !== null)
  const from = prices.sort((a, b) => (a.calculated_amount ?? 0) - (b.calculated_amount ?? 0))[0]
  return (
    <article className="card">
      <h3>
        <Link href={`/courses/${product.handle}`}>{product.title}</Link>
      </h3>
      {product.subtitle ? <p className="muted">{product.subtitle}</p> : null}
      <p>{product.description?.slice(0, 140)}</p>
      <p style={{ marginTop: "auto" }}>
        {from ? (
          <strong>from {formatMoney(from.calculated_amount, from.currency_code)}</strong>
        ) : (
          <span className="muted">Not sold in your region</span>
        )}
      </p>
    </article>
  )
}
