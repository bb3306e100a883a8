import "./server-only"
import { sendPageView } from "./analytics-beacon"
import { BACKEND_URL } from "./config"
import { getTenant } from "./tenant"

/**
 * Counts one view of a course page for the org's analytics (conversion = orders / views),
 * from the storefront's server: no client script, no cookie, nothing about the visitor.
 * Fire-and-forget: resolves (never rejects) once the beacon answered or gave up after 1.5 s.
 * The course page (`pages/courses/[handle]/index.tsx`) calls it from getServerSideProps
 * without awaiting it: the page never waits for the count.
 */
export async function recordCourseView(courseId: string): Promise<void> {
  try {
    const { key } = await getTenant()
    await sendPageView(BACKEND_URL, key, { course_id: courseId })
  } catch {
    // No tenant (misconfigured storefront): nothing to count.
  }
}
