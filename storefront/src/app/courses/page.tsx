import { ProductCard } from "@/components/product-card"
import { listProducts } from "@/lib/data"

export const metadata = { title: "Courses" }

export default async function Catalog() {
  const products = await listProducts(50)
  return (
    <>
      <h1>Courses</h1>
      {products.length ? (
        <div className="grid">
          {products.map((p) => (
            <ProductCard key={p.id} product={p} />
          ))}
        </div>
      ) : (
        <p className="muted">No courses are published yet.</p>
      )}
    </>
  )
}
