import { Head, Html, Main, NextScript, type DocumentProps } from "next/document"
import { brandStyle } from "@/lib/branding"
import type { ShellData } from "@/components/site-shell"

/** <html lang> and the brand colours on <body>, as app/layout.tsx sets them, from the page's shell data. */
export default function StorefrontDocument(props: DocumentProps) {
  const pageProps = (props.__NEXT_DATA__.props?.pageProps ?? {}) as { shell?: ShellData }
  const org = pageProps.shell?.org
  return (
    <Html lang={pageProps.shell?.locale || org?.branding.default_locale || "en"}>
      <Head />
      <body style={org ? (brandStyle(org) as React.CSSProperties) : undefined}>
        <Main />
        <NextScript />
      </body>
    </Html>
  )
}
