/**
 * The page-view beacon's sender, free of Next.js (unit-tested): one POST to
 * /store/analytics/page-views with the org's publishable key, a short timeout, and no
 * visitor data at all (no cookie, IP, user agent or customer is forwarded). It never throws
 * and never rejects: a view that could not be counted is only a view less in the figures.
 */
export type PageViewBody = { course_id: string } | { page_slug: string }

export const PAGE_VIEW_TIMEOUT_MS = 1500

export async function sendPageView(
  backendUrl: string,
  publishableKey: string,
  body: PageViewBody,
  { timeoutMs = PAGE_VIEW_TIMEOUT_MS, fetchImpl = fetch }: { timeoutMs?: number; fetchImpl?: typeof fetch } = {}
): Promise<boolean> {
  try {
    const res = await fetchImpl(`${backendUrl}/store/analytics/page-views`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-publishable-api-key": publishableKey },
      body: JSON.stringify(body),
      cache: "no-store",
      signal: AbortSignal.timeout(timeoutMs),
    })
    return res.status === 204
  } catch {
    return false
  }
}
