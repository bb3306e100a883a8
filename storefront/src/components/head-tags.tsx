import Head from "next/head"
import type { HeadTags } from "@/lib/seo"

/**
 * A Pages Router page's <head> from lib/seo.ts (title, description, canonical, hreflang, Open
 * Graph, Twitter, robots) and its JSON-LD. JSON-LD is data, not script: the pages still run no
 * JavaScript (the JS budget counts only `<script src>`).
 */
export function HeadTagsView({ head }: { head: HeadTags }) {
  return (
    <>
      <Head>
        <title>{head.title}</title>
        {head.meta.map((m) =>
          "name" in m ? <meta key={`n:${m.name}`} name={m.name} content={m.content} /> : <meta key={`p:${m.property}`} property={m.property} content={m.content} />
        )}
        {head.links.map((l) => (
          <link key={`${l.rel}:${l.hreflang ?? ""}`} rel={l.rel} href={l.href} hrefLang={l.hreflang} />
        ))}
      </Head>
      {head.jsonLd.map((json, i) => (
        // Escaped by jsonLdScript: no "</script>" in the data can end it early.
        <script key={i} type="application/ld+json" dangerouslySetInnerHTML={{ __html: json }} />
      ))}
    </>
  )
}
