import { Body, Button, Container, Head, Heading, Hr, Html, Img, Link, Preview, Section, Text } from "@react-email/components"
import { render } from "@react-email/render"
import { createElement as h, type ReactNode } from "react"
import type { EmailBrand } from "./context"

/** One email, as a template gives it: text blocks and at most one call to action. */
export type EmailBody = {
  subject: string
  preview: string
  heading: string
  paragraphs: string[]
  action?: { label: string; url: string }
  /** Further links, one per line (e.g. one per course bought). */
  links?: { label: string; url: string }[]
  /** Label/value rows (e.g. order lines and total). */
  rows?: { label: string; value: string; strong?: boolean }[]
  /** Small print under the action (e.g. "This link expires in 15 minutes."). */
  note?: string
}

const SAFE_COLOR = /^#[0-9a-f]{3}([0-9a-f]{3})?$/i

/** The org's look: logo, name, brand colour, a footer naming the org and its storefront. */
function Layout({ brand, body }: { brand: EmailBrand; body: EmailBody }): ReactNode {
  const color = brand.primary_color && SAFE_COLOR.test(brand.primary_color) ? brand.primary_color : "#111827"
  return h(
    Html,
    { lang: brand.locale },
    h(Head, null),
    h(Preview, null, body.preview),
    h(
      Body,
      { style: { backgroundColor: "#f6f7f9", fontFamily: "-apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif" } },
      h(
        Container,
        { style: { backgroundColor: "#ffffff", padding: "32px", margin: "24px auto", maxWidth: "560px", borderRadius: "8px" } },
        brand.logo_url
          ? h(Img, { src: brand.logo_url, alt: brand.org_name, height: 40, style: { marginBottom: "16px" } })
          : h(Text, { style: { fontSize: "18px", fontWeight: 700, color } }, brand.org_name),
        h(Heading, { as: "h1", style: { fontSize: "22px", color: "#111827" } }, body.heading),
        ...body.paragraphs.map((p, i) => h(Text, { key: i, style: { fontSize: "15px", lineHeight: "24px", color: "#374151" } }, p)),
        body.rows?.length
          ? h(
              Section,
              { style: { margin: "16px 0" } },
              ...body.rows.map((r, i) =>
                h(
                  Text,
                  { key: `r${i}`, style: { fontSize: "14px", margin: "4px 0", color: "#111827", fontWeight: r.strong ? 700 : 400 } },
                  `${r.label}: ${r.value}`
                )
              )
            )
          : null,
        body.action
          ? h(
              Section,
              { style: { margin: "24px 0" } },
              h(
                Button,
                { href: body.action.url, style: { backgroundColor: color, color: "#ffffff", padding: "12px 20px", borderRadius: "6px", fontWeight: 600 } },
                body.action.label
              ),
              h(Text, { style: { fontSize: "12px", color: "#6b7280" } }, body.action.url)
            )
          : null,
        ...(body.links ?? []).map((l, i) =>
          h(Text, { key: `l${i}`, style: { fontSize: "14px", margin: "4px 0" } }, h(Link, { href: l.url, style: { color: color } }, l.label), ` ${l.url}`)
        ),
        body.note ? h(Text, { style: { fontSize: "13px", color: "#6b7280" } }, body.note) : null,
        h(Hr, null),
        h(
          Text,
          { style: { fontSize: "12px", color: "#9ca3af" } },
          brand.org_name,
          " · ",
          h(Link, { href: brand.storefront_url, style: { color: "#9ca3af" } }, brand.storefront_url.replace(/^https?:\/\//, ""))
        )
      )
    )
  )
}

/** HTML and plain-text parts of an email (react-email). */
export async function renderEmail(brand: EmailBrand, body: EmailBody): Promise<{ subject: string; html: string; text: string }> {
  const element = h(Layout, { brand, body })
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })])
  return { subject: body.subject, html, text }
}
