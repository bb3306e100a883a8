import type { Block } from "./queries"

/** The block types the server accepts (rules/blocks.ts), with a label and the content a new one starts with. */
export const BLOCK_TEMPLATES: Record<string, { label: string; make: () => Record<string, unknown> }> = {
  hero: { label: "Hero", make: () => ({ heading: "A headline that sells", text: "One sentence on what students get.", cta: { label: "Enroll now", href: "/courses" } }) },
  rich_text: { label: "Rich text", make: () => ({ content: [{ type: "paragraph", children: [{ type: "text", text: "Write here." }] }] }) },
  course_grid: { label: "Course grid", make: () => ({ heading: "Courses", courses: "all" }) },
  pricing_table: { label: "Pricing table", make: () => ({ heading: "Pricing", course_id: "" }) },
  testimonials: { label: "Testimonials", make: () => ({ heading: "What students say", items: [{ quote: "It changed how I work.", name: "A student" }] }) },
  faq: { label: "FAQ", make: () => ({ heading: "Questions", items: [{ question: "How long do I have access?", answer: "For as long as the course exists." }] }) },
  video: { label: "Video", make: () => ({ provider: "youtube", video_id: "dQw4w9WgXcQ" }) },
  instructor_bios: { label: "Instructor bios", make: () => ({ heading: "Your teachers", items: [{ name: "Instructor", bio: "What they teach." }] }) },
  opt_in: { label: "Opt-in form", make: () => ({ heading: "Get the free guide", button_label: "Send it to me", course_id: "" }) },
  countdown: { label: "Countdown", make: () => ({ heading: "Doors close in", ends_at: new Date(Date.now() + 7 * 86400_000).toISOString().slice(0, 19) + "Z" }) },
  columns: { label: "Image and text columns", make: () => ({ items: [{ heading: "Learn", text: "At your pace." }, { heading: "Practice", text: "With real projects." }] }) },
}

let counter = 0
/** A new block of `type` with a fresh editor id. */
export function newBlock(type: string): Block {
  counter += 1
  return { id: `${type.replace(/_/g, "-")}-${Date.now().toString(36)}${counter}`, type, ...BLOCK_TEMPLATES[type].make() }
}

/** A one-line summary for the block list. */
export function summarize(block: Block): string {
  for (const key of ["heading", "title", "button_label"]) {
    if (typeof block[key] === "string" && block[key]) return String(block[key])
  }
  if (block.type === "video") return `${block.provider} ${block.video_id ?? block.url ?? ""}`
  if (block.type === "countdown") return String(block.ends_at)
  return BLOCK_TEMPLATES[block.type]?.label ?? block.type
}

/** Moves the item at `from` to `to` (drag-and-drop). */
export function move<T>(list: T[], from: number, to: number): T[] {
  const next = [...list]
  const [item] = next.splice(from, 1)
  next.splice(to, 0, item)
  return next
}
