import type { AppProps } from "next/app"
import Head from "next/head"
import "../app/globals.css"
import { SiteShell, StoreUnavailable } from "@/components/site-shell"
import type { ShellData } from "@/components/site-shell"

/**
 * The Pages Router's frame (the course and lesson pages, which ship no client JavaScript,
 * issue 30): the same SiteShell and CSS as the App Router's root layout (app/layout.tsx).
 * The <html> and <body> attributes (locale, brand colours) are set in _document.
 */
export default function StorefrontApp({ Component, pageProps }: AppProps<{ shell?: ShellData; unavailable?: string }>) {
  if (pageProps.unavailable !== undefined) return <StoreUnavailable message={pageProps.unavailable} />
  if (!pageProps.shell) return <Component {...pageProps} />
  return (
    <>
      <Head>
        <meta name="viewport" content="width=device-width, initial-scale=1" key="viewport" />
        <link rel="icon" href="/favicon.ico" />
      </Head>
      <SiteShell shell={pageProps.shell}>
        <Component {...pageProps} />
      </SiteShell>
    </>
  )
}
