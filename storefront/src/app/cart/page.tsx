import Link from "@/components/link"
import { removeLine } from "../actions"
import { formatMoney, getCart } from "@/lib/data"
import { PromoCode } from "@/components/promo-code"

export const metadata = { title: "Cart" }

export default async function CartPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const params = await searchParams
  const cart = await getCart()
  if (!cart || !cart.items?.length) {
    return (
      <>
        <h1>Your cart</h1>
        <p className="muted">Your cart is empty.</p>
        <Link className="btn" href="/courses">
          Browse courses
        </Link>
      </>
    )
  }
  return (
    <>
      <h1>Your cart</h1>
      <table>
        <thead>
          <tr>
            <th>Course</th>
            <th>Tier</th>
            <th>Price</th>
            <th>
              <span className="sr-only">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {cart.items.map((item) => (
            <tr key={item.id}>
              <td>{item.product_title}</td>
              <td>{item.variant_title}</td>
              <td>{formatMoney(item.total, cart.currency_code)}</td>
              <td>
                <form action={removeLine}>
                  <input type="hidden" name="line_id" value={item.id} />
                  <button className="btn secondary" type="submit" aria-label={`Remove ${item.product_title}`}>
                    Remove
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <PromoCode cart={cart} back="/cart" error={params.promo_error} applied={params.promo_applied} />
      <div className="spread" style={{ marginTop: 24 }}>
        <strong>Total {formatMoney(cart.total, cart.currency_code)}</strong>
        <Link className="btn" href="/checkout">
          Checkout
        </Link>
      </div>
    </>
  )
}
