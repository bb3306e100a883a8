import Link from "next/link"
import { ProductCard } from "@/components/product-card"
import { getOrg, listProducts } from "@/lib/data"

export default async function Home() {
  const [org, products] = await Promise.all([getOrg(), listProducts(6)])
  return (
    <>
      <section className="hero">
        <h1>Learn with {org.name}</h1>
        <p>Courses you can start today, at the level that suits you.</p>
        <Link href="/courses" className="btn secondary">
          Browse courses
        </Link>
      </section>
      <h2>Featured courses</h2>
      {products.length ? (
        <div className="grid">
          {products.slice(0, 3).map((p) => (
            <ProductCard key={p.id} product={p} />
          ))}
        </div>
      ) : (
        <p className="muted">No courses are published yet.</p>
      )}
    </>
  )
}
