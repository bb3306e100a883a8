import Link from "@/components/link"
import { notFound } from "next/navigation"
import { formatMoney, getCustomer } from "@/lib/data"
import { cookies } from "next/headers"
import { COOKIE } from "@/lib/config"
import { store, StoreError } from "@/lib/medusa"
import { OrderDiscount } from "@/components/order-discount"

/**
 * A guest's confirmation: the course is kept in an account with the order's email (this
 * browser's guest order token moves it there on sign-up or login, see lib/guest-claim.ts).
 */
function KeepYourCourse({ email }: { email: string }) {
  const next = encodeURIComponent("/learn")
  const q = `email=${encodeURIComponent(email)}&next=${next}`
  return (
    <section className="panel stack" aria-label="Keep your course">
      <strong>
        To start learning, create your account with <span className="email">{email}</span>.
      </strong>
      <p className="muted" style={{ margin: 0 }}>Your purchase joins the account as soon as it is created (or when you log in to an existing one).</p>
      <div className="row">
        <Link className="btn" href={`/account/register?${q}`}>
          Create my account
        </Link>
        <Link className="btn secondary" href={`/account/login?${q}`}>
          I have an account: log in
        </Link>
      </div>
    </section>
  )
}

export const metadata = { title: "Order confirmed" }

type Order = {
  id: string
  display_id: number
  email: string
  currency_code: string
  total: number
  discount_total?: number
  items: { id: string; product_title: string; variant_title: string; adjustments?: { code?: string | null }[] }[]
}

export default async function OrderPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  // A customer's order answers their login; a guest's only the token this browser got at checkout.
  const guestToken = (await cookies()).get(COOKIE.orderToken)?.value
  let order: Order
  try {
    order = (
      await store<{ order: Order }>(`/store/orders/${encodeURIComponent(id)}`, {
        query: { fields: "id,display_id,email,currency_code,total,discount_total,*items,*items.adjustments" },
        headers: guestToken ? { "x-order-token": guestToken } : {},
      })
    ).order
  } catch (error) {
    if (error instanceof StoreError && (error.status === 404 || error.status === 401)) notFound()
    throw error
  }
  return (
    <>
      <h1>Thank you!</h1>
      <p>
        Order #{order.display_id} is confirmed. A receipt goes to <span className="email">{order.email}</span>.
      </p>
      <ul>
        {order.items.map((i) => (
          <li key={i.id}>
            {i.product_title} · {i.variant_title}
          </li>
        ))}
      </ul>
      <OrderDiscount order={order} />
      <p>
        <strong>{order.total > 0 ? "Paid" : "Total"} {formatMoney(order.total, order.currency_code)}</strong>
      </p>
      {(await getCustomer()) ? (
        <Link className="btn" href="/learn">
          Start learning
        </Link>
      ) : (
        <KeepYourCourse email={order.email} />
      )}
    </>
  )
}
