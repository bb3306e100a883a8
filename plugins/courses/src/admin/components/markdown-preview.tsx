import { Fragment, ReactNode } from "react"

/** Inline markdown: **bold**, *italic*, `code`, [text](http link). Plain text otherwise (no HTML). */
function inline(text: string): ReactNode[] {
  const out: ReactNode[] = []
  const re = /(\*\*[^*]+\*\*|\*[^*]+\*|`[^`]+`|\[[^\]]+\]\(https?:\/\/[^)\s]+\))/g
  let last = 0
  let m: RegExpExecArray | null
  while ((m = re.exec(text))) {
    if (m.index > last) out.push(text.slice(last, m.index))
    const t = m[0]
    const key = out.length
    if (t.startsWith("**")) out.push(<strong key={key}>{t.slice(2, -2)}</strong>)
    else if (t.startsWith("`")) out.push(<code key={key} className="rounded bg-ui-bg-subtle px-1">{t.slice(1, -1)}</code>)
    else if (t.startsWith("[")) {
      const [, label, href] = /^\[([^\]]+)\]\(([^)]+)\)$/.exec(t)!
      out.push(<a key={key} href={href} target="_blank" rel="noreferrer" className="text-ui-fg-interactive underline">{label}</a>)
    } else out.push(<em key={key}>{t.slice(1, -1)}</em>)
    last = m.index + t.length
  }
  if (last < text.length) out.push(text.slice(last))
  return out
}

const HEADINGS = ["text-xl font-semibold", "text-lg font-semibold", "text-base font-semibold"]

/** A small, safe markdown preview (headings, lists, code blocks, paragraphs) for the lesson editor. */
export function MarkdownPreview({ source }: { source: string }) {
  const blocks: ReactNode[] = []
  const lines = source.replace(/\r\n/g, "\n").split("\n")
  for (let i = 0; i < lines.length; ) {
    const line = lines[i]
    if (line.startsWith("```")) {
      const code: string[] = []
      for (i++; i < lines.length && !lines[i].startsWith("```"); i++) code.push(lines[i])
      i++
      blocks.push(<pre key={blocks.length} className="overflow-x-auto rounded bg-ui-bg-subtle p-2 font-mono text-xs">{code.join("\n")}</pre>)
    } else if (/^#{1,3} /.test(line)) {
      const level = line.indexOf(" ")
      blocks.push(<p key={blocks.length} role="heading" aria-level={level} className={HEADINGS[level - 1]}>{inline(line.slice(level + 1))}</p>)
      i++
    } else if (/^\s*[-*] /.test(line)) {
      const items: string[] = []
      for (; i < lines.length && /^\s*[-*] /.test(lines[i]); i++) items.push(lines[i].replace(/^\s*[-*] /, ""))
      blocks.push(<ul key={blocks.length} className="list-disc pl-5">{items.map((t, k) => <li key={k}>{inline(t)}</li>)}</ul>)
    } else if (line.trim() === "") {
      i++
    } else {
      const para: string[] = []
      for (; i < lines.length && lines[i].trim() !== "" && !/^(#{1,3} |```|\s*[-*] )/.test(lines[i]); i++) para.push(lines[i])
      blocks.push(<p key={blocks.length}>{para.map((p, k) => <Fragment key={k}>{k > 0 && <br />}{inline(p)}</Fragment>)}</p>)
    }
  }
  return <div className="flex flex-col gap-2 text-ui-fg-base" data-testid="markdown-preview">{blocks}</div>
}
