import { CourseCard } from "@/components/course-card"
import { ProductCard } from "@/components/product-card"
import { listCourses } from "@/lib/courses"
import { listProducts } from "@/lib/data"

export const metadata = { title: "Courses" }

export default async function Catalog() {
  const courses = await listCourses()
  const products = courses ? [] : await listProducts(50)
  const empty = courses ? !courses.length : !products.length
  return (
    <>
      <h1>Courses</h1>
      {empty ? <p className="muted">No courses are published yet.</p> : null}
      <div className="grid">
        {courses?.map((c) => <CourseCard key={c.id} course={c} />)}
        {products.map((p) => (
          <ProductCard key={p.id} product={p} />
        ))}
      </div>
    </>
  )
}
