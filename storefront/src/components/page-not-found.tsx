import Link from "@/components/link"

/** "Page not found", on both routers (app/not-found.tsx and the Pages Router course pages). */
export function PageNotFound() {
  return (
    <>
      <h1>Page not found</h1>
      <p className="muted">We could not find that page. It may have moved, or the course is no longer offered.</p>
      <Link className="btn" href="/courses">
        Browse courses
      </Link>
    </>
  )
}
