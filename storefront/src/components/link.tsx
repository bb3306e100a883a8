import NextLink from "next/link"
import type { ComponentProps } from "react"

/**
 * next/link without viewport prefetching (issue 30). Every page here is dynamic (per
 * visitor: cart, tier, progress), so a prefetch only fetches the route tree, never the
 * content, yet each link in view made the server render its target page while the
 * visitor's page was still loading: 10-12 requests per course page view, and the CPU work
 * a slow phone (and the server) does for them. A click still navigates client-side.
 * Pass `prefetch` to opt a link back in.
 */
export default function Link(props: ComponentProps<typeof NextLink>) {
  return <NextLink prefetch={false} {...props} />
}
