import NextLink from "next/link"
import type { ComponentProps } from "react"

/**
 * next/link without viewport prefetching (issue 30). Every page here is dynamic (per
 * visitor: cart, tier, progress), so a prefetch never brings a page's content, only its
 * route tree (0.5-1 KB answers), yet the links in view sent 10-12 requests to the
 * storefront server per course page view while the page was still loading, each one
 * work for a slow phone's main thread and for the server. A click still navigates
 * client-side. Pass `prefetch` to opt a link back in.
 */
export default function Link(props: ComponentProps<typeof NextLink>) {
  return <NextLink prefetch={false} {...props} />
}
