import { notFound } from "next/navigation"
import { addToCart } from "../../actions"
import { formatMoney, getProduct, getRegion } from "@/lib/data"

export default async function CoursePage({ params }: { params: Promise<{ handle: string }> }) {
  const { handle } = await params
  const [product, region] = await Promise.all([getProduct(handle), getRegion()])
  if (!product) notFound()
  const priced = product.variants.filter((v) => v.calculated_price && v.calculated_price.calculated_amount !== null)
  return (
    <article>
      <h1>{product.title}</h1>
      {product.subtitle ? <p className="muted">{product.subtitle}</p> : null}
      <p>{product.description}</p>
      <h2>Choose your tier</h2>
      {priced.length ? (
        <div className="tiers">
          {product.variants.map((v) => (
            <section className="tier" key={v.id} aria-label={`${v.title} tier`}>
              <h3 style={{ margin: 0 }}>{v.title}</h3>
              <div className="price">
                {formatMoney(v.calculated_price?.calculated_amount, v.calculated_price?.currency_code ?? region?.currency_code ?? "usd")}
              </div>
              <form action={addToCart}>
                <input type="hidden" name="variant_id" value={v.id} />
                <button className="btn" type="submit" disabled={!v.calculated_price}>
                  Buy {v.title}
                </button>
              </form>
            </section>
          ))}
        </div>
      ) : (
        <div className="panel warn" role="status">
          <strong>Not sold in {region?.name ?? "your region"}.</strong> Choose another region at the bottom of the page.
        </div>
      )}
    </article>
  )
}
