// Sales pages (@volmify/pages) as the storefront renders them: the block types and the pure
// helpers of their rendering. No server code here: components of pages that ship no client
// JavaScript import it, and their browser build must not reach lib/medusa.

export type Run = { type: "text"; text: string; bold?: boolean; italic?: boolean } | { type: "link"; href: string; children: Run[] }
export type RichNode =
  | { type: "paragraph"; children: Run[] }
  | { type: "heading"; level: 2 | 3 | 4; children: Run[] }
  | { type: "list"; ordered?: boolean; items: Run[][] }
type Base = { id: string; heading?: string }
export type PageBlock =
  | (Base & { type: "hero"; heading: string; text?: string; image_url?: string; cta?: { label: string; href: string } })
  | (Base & { type: "rich_text"; content: RichNode[] })
  | (Base & { type: "course_grid"; courses: "all" | string[] })
  | (Base & { type: "pricing_table"; course_id: string })
  | (Base & { type: "testimonials"; items: { quote: string; name: string; role?: string; avatar_url?: string }[] })
  | (Base & { type: "faq"; items: { question: string; answer: string }[] })
  | (Base & { type: "video"; title?: string; provider: "youtube" | "vimeo" | "mux" | "url"; video_id?: string; url?: string })
  | (Base & { type: "instructor_bios"; items: { name: string; bio?: string; image_url?: string }[] })
  | (Base & { type: "opt_in"; heading: string; text?: string; button_label: string; course_id: string })
  | (Base & { type: "countdown"; ends_at: string; expired_text?: string })
  | (Base & { type: "columns"; items: { image_url?: string; image_alt?: string; heading?: string; text?: string }[] })

export type SalesPage = {
  id: string
  slug: string
  title: string
  is_home: boolean
  seo: Record<string, unknown> | null
  published_at: string | null
  version: number
  /** The locale the store answered the texts in (the visitor's when the org enabled it, else the default). */
  locale: string
  blocks: PageBlock[]
}

/** The embed address of a video block (the host's own player), or the file for a plain URL. */
export function videoSource(block: Extract<PageBlock, { type: "video" }>): { kind: "iframe" | "file"; src: string } | null {
  const id = encodeURIComponent(block.video_id ?? "")
  switch (block.provider) {
    case "youtube":
      return { kind: "iframe", src: `https://www.youtube-nocookie.com/embed/${id}` }
    case "vimeo":
      return { kind: "iframe", src: `https://player.vimeo.com/video/${id}` }
    case "mux":
      return { kind: "iframe", src: `https://player.mux.com/${id}` }
    default:
      return block.url ? { kind: "file", src: block.url } : null
  }
}

/** Whole days and hours until `endsAt` from `now`, or null once it has passed. */
export function timeLeft(endsAt: string, now = Date.now()): { days: number; hours: number } | null {
  const ms = Date.parse(endsAt) - now
  if (!(ms > 0)) return null
  return { days: Math.floor(ms / 86_400_000), hours: Math.floor((ms % 86_400_000) / 3_600_000) }
}
