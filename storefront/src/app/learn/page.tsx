import Link from "next/link"
import { redirect } from "next/navigation"
import { getCustomer } from "@/lib/data"
import { store } from "@/lib/medusa"

export const metadata = { title: "My learning" }

type Entitlement = { id: string; product_id: string; tier: number; product?: { title: string; handle: string } }

export default async function LearnPage() {
  const customer = await getCustomer()
  if (!customer) redirect("/account/login?next=/learn&expired=1")
  const { entitlements } = await store<{ entitlements: Entitlement[] }>("/store/customers/me/entitlements")
  const byProduct = new Map<string, Entitlement>()
  for (const e of entitlements) {
    if ((byProduct.get(e.product_id)?.tier ?? 0) < e.tier) byProduct.set(e.product_id, e)
  }
  const courses = [...byProduct.values()]
  return (
    <>
      <h1>My learning</h1>
      <p className="muted">Welcome back{customer.first_name ? `, ${customer.first_name}` : ""}.</p>
      {courses.length ? (
        <div className="grid">
          {courses.map((e) => (
            <article className="card" key={e.product_id}>
              <h3>{e.product?.title ?? "Course"}</h3>
              <p>
                <span className="badge brand">Tier {e.tier}</span>
              </p>
              {e.product?.handle ? (
                <Link className="btn" href={`/courses/${e.product.handle}`}>
                  Open course
                </Link>
              ) : null}
            </article>
          ))}
        </div>
      ) : (
        <div className="panel">
          You have no courses yet. <Link href="/courses">Find one to start</Link>.
        </div>
      )}
    </>
  )
}
