/**
 * The demo data the run command seeds: two orgs with their own catalog, three regions
 * (USD, EUR and zero-decimal JPY) and one platform admin. Amounts are major units, as
 * Medusa stores them.
 */
export const DEMO_ADMIN = {
  email: process.env.DEMO_ADMIN_EMAIL || "admin@volmify.local",
  password: process.env.DEMO_ADMIN_PASSWORD || "volmify-demo",
}

export const DEMO_CURRENCIES = ["usd", "eur", "jpy"] as const

export const DEMO_REGIONS = [
  { name: "North America", currency_code: "usd", countries: ["us", "ca"] },
  { name: "Europe", currency_code: "eur", countries: ["de", "fr", "es", "it", "nl", "gb"] },
  { name: "Japan", currency_code: "jpy", countries: ["jp"] },
] as const

type DemoPrice = { usd: number; eur: number; jpy: number }
export type DemoProduct = {
  handle: string
  title: string
  description: string
  tiers: { title: string; sku: string; prices: DemoPrice }[]
}

const DEMO_PASSWORD = process.env.DEMO_ADMIN_PASSWORD || "volmify-demo"

/** Demo staff: an owner and a creator per org, each seeing only their own org. */
export type DemoStaff = { email: string; password: string; first_name: string; last_name: string }

export const DEMO_ORGS: {
  handle: string
  name: string
  currency_code: "usd" | "eur"
  branding: { primary_color: string; accent_color: string; font: string; default_locale: string }
  owner: DemoStaff
  creator: DemoStaff
  products: DemoProduct[]
}[] = [
  {
    handle: "acme-academy",
    name: "Acme Academy",
    currency_code: "usd",
    branding: { primary_color: "#1d4ed8", accent_color: "#f59e0b", font: "system", default_locale: "en" },
    owner: { email: "owner@acme-academy.local", password: DEMO_PASSWORD, first_name: "Ada", last_name: "Acme" },
    creator: { email: "creator@acme-academy.local", password: DEMO_PASSWORD, first_name: "Cole", last_name: "Writer" },
    products: [
      {
        handle: "typescript-from-zero",
        title: "TypeScript from Zero",
        description: "A practical course from the first type to a production codebase.",
        tiers: [
          { title: "Basic", sku: "TSFZ-BASIC", prices: { usd: 99, eur: 92, jpy: 14800 } },
          { title: "Premium", sku: "TSFZ-PREMIUM", prices: { usd: 199, eur: 185, jpy: 29800 } },
          { title: "VIP", sku: "TSFZ-VIP", prices: { usd: 499, eur: 465, jpy: 74800 } },
        ],
      },
      {
        handle: "design-systems-bootcamp",
        title: "Design Systems Bootcamp",
        description: "Build, document and ship a design system your team will use.",
        tiers: [
          { title: "Basic", sku: "DSB-BASIC", prices: { usd: 149, eur: 139, jpy: 21800 } },
          { title: "Premium", sku: "DSB-PREMIUM", prices: { usd: 299, eur: 279, jpy: 44800 } },
        ],
      },
    ],
  },
  {
    handle: "yoga-with-mia",
    name: "Yoga with Mia",
    currency_code: "eur",
    branding: { primary_color: "#0f766e", accent_color: "#e11d48", font: "serif", default_locale: "de" },
    owner: { email: "mia@yoga-with-mia.local", password: DEMO_PASSWORD, first_name: "Mia", last_name: "Sommer" },
    creator: { email: "creator@yoga-with-mia.local", password: DEMO_PASSWORD, first_name: "Lena", last_name: "Flow" },
    products: [
      {
        handle: "yoga-foundations",
        title: "Yoga Foundations",
        description: "Thirty days of calm, strong practice for complete beginners.",
        tiers: [
          { title: "Basic", sku: "YOGA-BASIC", prices: { usd: 59, eur: 49, jpy: 7800 } },
          { title: "VIP", sku: "YOGA-VIP", prices: { usd: 189, eur: 169, jpy: 26800 } },
        ],
      },
    ],
  },
]
