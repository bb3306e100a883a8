import { Head, Html, Main, NextScript, type DocumentProps } from "next/document"
import { brandStyle } from "@/lib/branding"
import type { ShellProps } from "@/lib/pages-props"

/** <html lang> and the brand colours on <body>, as app/layout.tsx sets them, from the page's shell data. */
export default function StorefrontDocument(props: DocumentProps) {
  const pageProps = (props.__NEXT_DATA__.props?.pageProps ?? {}) as Partial<ShellProps>
  const org = pageProps.shell?.org
  return (
    <Html lang={org?.branding.default_locale || "en"}>
      <Head />
      <body style={org ? (brandStyle(org) as React.CSSProperties) : undefined}>
        <Main />
        <NextScript />
      </body>
    </Html>
  )
}
