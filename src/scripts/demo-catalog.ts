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

export const DEMO_ORGS: {
  handle: string
  name: string
  products: DemoProduct[]
}[] = [
  {
    handle: "demo-academy",
    name: "Demo Academy",
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
    handle: "code-dojo",
    name: "Code Dojo",
    products: [
      {
        handle: "algorithms-dojo",
        title: "Algorithms Dojo",
        description: "Forty katas that make interview algorithms second nature.",
        tiers: [
          { title: "Basic", sku: "ALGO-BASIC", prices: { usd: 129, eur: 119, jpy: 18800 } },
          { title: "VIP", sku: "ALGO-VIP", prices: { usd: 349, eur: 325, jpy: 51800 } },
        ],
      },
    ],
  },
]
