import type { Org } from "./data"

// System font stacks only: nothing is fetched from a font CDN (no network at build time).
const FONTS: Record<string, string> = {
  system: 'ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  serif: 'ui-serif, Georgia, Cambria, "Times New Roman", Times, serif',
  mono: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
  rounded: 'ui-rounded, "SF Pro Rounded", "Hiragino Maru Gothic ProN", Quicksand, system-ui, sans-serif',
}

const HEX = /^#(?:[0-9a-fA-F]{3}){1,2}$/

/** The org's branding as CSS custom properties (values validated: no CSS injection). */
export function brandStyle(org: Org): Record<string, string> {
  const b = org.branding
  const style: Record<string, string> = { "--font": FONTS[b.font] ?? FONTS.system }
  if (b.primary_color && HEX.test(b.primary_color)) style["--brand"] = b.primary_color
  if (b.accent_color && HEX.test(b.accent_color)) style["--accent"] = b.accent_color
  return style
}
