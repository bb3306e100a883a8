import type { CSSProperties, ReactNode } from "react"
import type { Block } from "../lib/queries"

type Run = { type: "text"; text: string; bold?: boolean; italic?: boolean } | { type: "link"; href: string; children: Run[] }
type Node =
  | { type: "paragraph"; children: Run[] }
  | { type: "heading"; level: 2 | 3 | 4; children: Run[] }
  | { type: "list"; ordered?: boolean; items: Run[][] }

const runs = (list: Run[] | undefined): ReactNode =>
  (list ?? []).map((run, i) =>
    run.type === "link" ? (
      <a key={i} href={run.href} style={{ textDecoration: "underline" }}>{runs(run.children)}</a>
    ) : (
      <span key={i} style={{ fontWeight: run.bold ? 700 : undefined, fontStyle: run.italic ? "italic" : undefined }}>{run.text}</span>
    )
  )

const section: CSSProperties = { padding: "24px 16px", borderBottom: "1px solid #eee" }
const grid: CSSProperties = { display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(160px, 1fr))", gap: 12 }
const str = (v: unknown) => (typeof v === "string" ? v : "")
const items = (v: unknown) => (Array.isArray(v) ? (v as Record<string, unknown>[]) : [])

/**
 * How a block will look, drawn in the admin (drafts are never served by the store, so the
 * preview cannot be the storefront). React escapes every text; links are never followed.
 */
function BlockBody({ block }: { block: Block }) {
  switch (block.type) {
    case "hero":
      return (
        <div style={{ ...section, textAlign: "center" }}>
          {block.image_url ? <img src={str(block.image_url)} alt="" style={{ maxWidth: "100%" }} /> : null}
          <h1 style={{ fontSize: 28, fontWeight: 700 }}>{str(block.heading)}</h1>
          <p>{str(block.text)}</p>
          {block.cta ? <span style={{ display: "inline-block", padding: "8px 16px", background: "#111", color: "#fff", borderRadius: 6 }}>{str((block.cta as Record<string, unknown>).label)}</span> : null}
        </div>
      )
    case "rich_text":
      return (
        <div style={section}>
          {((block.content as Node[]) ?? []).map((node, i) =>
            node.type === "heading" ? (
              <h3 key={i} style={{ fontSize: node.level === 2 ? 22 : 18, fontWeight: 600 }}>{runs(node.children)}</h3>
            ) : node.type === "list" ? (
              node.ordered ? <ol key={i} style={{ listStyle: "decimal", paddingLeft: 20 }}>{node.items.map((it, j) => <li key={j}>{runs(it)}</li>)}</ol>
                : <ul key={i} style={{ listStyle: "disc", paddingLeft: 20 }}>{node.items.map((it, j) => <li key={j}>{runs(it)}</li>)}</ul>
            ) : (
              <p key={i}>{runs(node.children)}</p>
            )
          )}
        </div>
      )
    case "testimonials":
    case "faq":
    case "instructor_bios":
    case "columns":
      return (
        <div style={section}>
          {block.heading ? <h2 style={{ fontSize: 20, fontWeight: 600 }}>{str(block.heading)}</h2> : null}
          <div style={grid}>
            {items(block.items).map((item, i) => (
              <div key={i} style={{ border: "1px solid #eee", borderRadius: 6, padding: 8 }}>
                {item.image_url ? <img src={str(item.image_url)} alt={str(item.image_alt)} style={{ maxWidth: "100%" }} /> : null}
                <strong>{str(item.question ?? item.name ?? item.heading)}</strong>
                <p>{str(item.answer ?? item.quote ?? item.bio ?? item.text)}</p>
              </div>
            ))}
          </div>
        </div>
      )
    case "video":
      return <div style={{ ...section, background: "#000", color: "#fff", aspectRatio: "16 / 9" }}>Video: {str(block.provider)} {str(block.video_id ?? block.url)}</div>
    case "countdown":
      return <div style={{ ...section, textAlign: "center" }}><strong>{str(block.heading)}</strong> <time>{str(block.ends_at)}</time></div>
    case "opt_in":
      return (
        <div style={{ ...section, textAlign: "center" }}>
          <h2 style={{ fontSize: 20, fontWeight: 600 }}>{str(block.heading)}</h2>
          <p>{str(block.text)}</p>
          <span style={{ border: "1px solid #ccc", padding: "6px 12px" }}>email@example.com</span>{" "}
          <span style={{ background: "#111", color: "#fff", padding: "6px 12px" }}>{str(block.button_label)}</span>
        </div>
      )
    case "course_grid":
    case "pricing_table":
      return (
        <div style={section}>
          <h2 style={{ fontSize: 20, fontWeight: 600 }}>{str(block.heading) || (block.type === "course_grid" ? "Courses" : "Pricing")}</h2>
          <p style={{ color: "#666" }}>{block.type === "course_grid" ? `Courses: ${Array.isArray(block.courses) ? block.courses.join(", ") : "all published"}` : `Tiers of ${str(block.course_id)}`}</p>
        </div>
      )
    default:
      return <div style={section}>{block.type}</div>
  }
}

/** The page at a given width (390 = phone), scaled into the panel. */
export function PagePreview({ blocks, width }: { blocks: Block[]; width: number }) {
  return (
    <div data-testid="page-preview" data-width={width} style={{ width, maxWidth: "100%", margin: "0 auto", background: "#fff", color: "#111", border: "1px solid #ddd", fontSize: 14, overflow: "hidden" }}>
      {blocks.map((block) => (
        <div key={block.id} data-block-type={block.type}>
          <BlockBody block={block} />
        </div>
      ))}
    </div>
  )
}
