import Link from "@/components/link"

export default function NotFound() {
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
