import Link from "@/components/link"
import { CourseCard } from "@/components/course-card"
import { TierBuy } from "@/components/tier-buy"
import type { BlockData } from "@/lib/pages"
import { timeLeft, videoSource, type PageBlock, type RichNode, type Run } from "@/lib/page-model"

/*
 * A sales page's blocks, rendered on the server into HTML that needs no client JavaScript
 * (pages/index.tsx and pages/p/[slug].tsx ship none): the opt-in is a plain form posting to
 * /form/page-opt-in, the countdown is computed when the page is rendered, and what blocks
 * show of the catalog was read before rendering (lib/pages.ts loadBlockData).
 * Every text goes through React, which escapes it; URLs were checked by the server
 * (http(s), mailto or same-site paths only) and are checked again here before use.
 */

const SAFE_HREF = /^(https?:\/\/|mailto:|\/(?!\/)|#|\?)/i
const href = (value: string) => (SAFE_HREF.test(value.trim()) ? value : "#")
const SAFE_SRC = /^(https?:\/\/|\/(?!\/))/i
const src = (value: string | undefined) => (value && SAFE_SRC.test(value.trim()) ? value : undefined)

function Runs({ runs }: { runs: Run[] }) {
  return (
    <>
      {runs.map((run, i) => {
        if (run.type === "link") {
          return (
            <a key={i} href={href(run.href)}>
              <Runs runs={run.children} />
            </a>
          )
        }
        let node: React.ReactNode = run.text
        if (run.italic) node = <em>{node}</em>
        if (run.bold) node = <strong>{node}</strong>
        return <span key={i}>{node}</span>
      })}
    </>
  )
}

function RichText({ content }: { content: RichNode[] }) {
  return (
    <>
      {content.map((node, i) => {
        if (node.type === "heading") {
          const H = (`h${node.level}` as "h2" | "h3" | "h4")
          return <H key={i}><Runs runs={node.children} /></H>
        }
        if (node.type === "list") {
          const items = node.items.map((item, j) => <li key={j}><Runs runs={item} /></li>)
          return node.ordered ? <ol key={i}>{items}</ol> : <ul key={i}>{items}</ul>
        }
        return <p key={i}><Runs runs={node.children} /></p>
      })}
    </>
  )
}

function CourseGrid({ block, data }: { block: Extract<PageBlock, { type: "course_grid" }>; data: BlockData }) {
  const courses = data.courses
  const shown = block.courses === "all" ? courses : block.courses.map((id) => courses.find((c) => c.id === id)).filter((c) => c !== undefined)
  if (!shown.length) return null
  return (
    <>
      {block.heading ? <h2>{block.heading}</h2> : null}
      <div className="grid">{shown.map((c) => <CourseCard key={c.id} course={c} />)}</div>
    </>
  )
}

function PricingTable({ block, data }: { block: Extract<PageBlock, { type: "pricing_table" }>; data: BlockData }) {
  const course = data.priced[block.course_id]
  if (!course) return null
  return (
    <>
      <h2>{block.heading || course.title}</h2>
      <p><Link href={`/courses/${course.handle}`}>{course.title}</Link></p>
      <TierBuy tiers={course.tiers} currentTier={course.access?.tier ?? 0} />
    </>
  )
}

function Block({ block, path, params, data }: { block: PageBlock; path: string; params: Record<string, string | undefined>; data: BlockData }) {
  switch (block.type) {
    case "hero":
      return (
        <div className="hero">
          {/* eslint-disable-next-line @next/next/no-img-element -- merchant images from any host */}
          {src(block.image_url) ? <img src={src(block.image_url)} alt="" style={{ maxWidth: "100%", height: "auto" }} /> : null}
          <h1>{block.heading}</h1>
          {block.text ? <p>{block.text}</p> : null}
          {block.cta ? <a className="btn" href={href(block.cta.href)}>{block.cta.label}</a> : null}
        </div>
      )
    case "rich_text":
      return <div className="rich-text"><RichText content={block.content} /></div>
    case "course_grid":
      return <CourseGrid block={block} data={data} />
    case "pricing_table":
      return <PricingTable block={block} data={data} />
    case "testimonials":
      return (
        <>
          {block.heading ? <h2>{block.heading}</h2> : null}
          <div className="grid">
            {block.items.map((t, i) => (
              <figure key={i} className="card">
                <blockquote>{t.quote}</blockquote>
                <figcaption>{t.name}{t.role ? <span className="muted">, {t.role}</span> : null}</figcaption>
              </figure>
            ))}
          </div>
        </>
      )
    case "faq":
      return (
        <>
          {block.heading ? <h2>{block.heading}</h2> : null}
          {block.items.map((item, i) => (
            <details key={i}>
              <summary>{item.question}</summary>
              <p>{item.answer}</p>
            </details>
          ))}
        </>
      )
    case "video": {
      const video = videoSource(block)
      if (!video) return null
      return video.kind === "iframe" ? (
        <iframe src={video.src} title={block.title ?? "Video"} loading="lazy" allow="encrypted-media; picture-in-picture; fullscreen" style={{ width: "100%", aspectRatio: "16 / 9", border: 0 }} />
      ) : (
        <video src={video.src} controls preload="metadata" style={{ width: "100%" }} title={block.title} />
      )
    }
    case "instructor_bios":
      return (
        <>
          {block.heading ? <h2>{block.heading}</h2> : null}
          <div className="grid">
            {block.items.map((p, i) => (
              <article key={i} className="card">
                {/* eslint-disable-next-line @next/next/no-img-element -- merchant images from any host */}
                {src(p.image_url) ? <img src={src(p.image_url)} alt="" loading="lazy" width={96} height={96} /> : null}
                <h3>{p.name}</h3>
                {p.bio ? <p>{p.bio}</p> : null}
              </article>
            ))}
          </div>
        </>
      )
    case "opt_in":
      return (
        <div className="card">
          <h2>{block.heading}</h2>
          {block.text ? <p>{block.text}</p> : null}
          {params.opted_in ? <p role="status">Check your inbox to confirm your address.</p> : null}
          {params.opt_in_error ? <p role="alert">{params.opt_in_error}</p> : null}
          <form method="post" action="/form/page-opt-in">
            <input type="hidden" name="course_id" value={block.course_id} />
            <input type="hidden" name="path" value={path} />
            <input type="hidden" name="block" value={block.id} />
            <label htmlFor={`optin-${block.id}`}>Email</label>{" "}
            <input id={`optin-${block.id}`} name="email" type="email" required autoComplete="email" />{" "}
            <button className="btn" type="submit">{block.button_label}</button>
          </form>
        </div>
      )
    case "countdown": {
      const left = timeLeft(block.ends_at)
      return (
        <div className="card" style={{ textAlign: "center" }}>
          {block.heading ? <h2>{block.heading}</h2> : null}
          {left ? (
            <p>
              <strong>{left.days}</strong> days <strong>{left.hours}</strong> hours left · ends <time dateTime={block.ends_at}>{new Date(block.ends_at).toUTCString()}</time>
            </p>
          ) : (
            <p>{block.expired_text ?? "This offer has ended."}</p>
          )}
        </div>
      )
    }
    case "columns":
      return (
        <>
          {block.heading ? <h2>{block.heading}</h2> : null}
          <div className="grid">
            {block.items.map((c, i) => (
              <div key={i}>
                {/* eslint-disable-next-line @next/next/no-img-element -- merchant images from any host */}
                {src(c.image_url) ? <img src={src(c.image_url)} alt={c.image_alt ?? ""} loading="lazy" style={{ maxWidth: "100%", height: "auto" }} /> : null}
                {c.heading ? <h3>{c.heading}</h3> : null}
                {c.text ? <p>{c.text}</p> : null}
              </div>
            ))}
          </div>
        </>
      )
    default:
      return null
  }
}

/** The page's blocks in order, each in a section the opt-in form can link back to. */
export function PageBlocks({ blocks, path, params = {}, data }: { blocks: PageBlock[]; path: string; params?: Record<string, string | undefined>; data: BlockData }) {
  return (
    <>
      {blocks.map((block) => (
        <section key={block.id} id={block.id} data-block={block.type} className="page-block">
          <Block block={block} path={path} params={params} data={data} />
        </section>
      ))}
    </>
  )
}
