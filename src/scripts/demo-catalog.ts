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
          { title: "VIP", sku: "DSB-VIP", prices: { usd: 699, eur: 649, jpy: 104800 } },
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
          { title: "Premium", sku: "YOGA-PREMIUM", prices: { usd: 109, eur: 95, jpy: 15800 } },
          { title: "VIP", sku: "YOGA-VIP", prices: { usd: 189, eur: 169, jpy: 26800 } },
        ],
      },
      {
        handle: "strength-and-flow",
        title: "Strength and Flow",
        description: "Six weeks of strong, mobile vinyasa for practitioners who know the basics.",
        tiers: [
          { title: "Basic", sku: "FLOW-BASIC", prices: { usd: 79, eur: 69, jpy: 10800 } },
          { title: "Premium", sku: "FLOW-PREMIUM", prices: { usd: 149, eur: 129, jpy: 21800 } },
          { title: "VIP", sku: "FLOW-VIP", prices: { usd: 299, eur: 269, jpy: 42800 } },
        ],
      },
    ],
  },
]

/** Access tier granted by each demo variant title (set as access plans by the seed). */
export const DEMO_TIER_BY_VARIANT: Record<string, number> = { Basic: 1, Premium: 2, VIP: 3 }

export type DemoLesson = {
  title: string
  type: "video" | "text" | "download"
  body: string
  /** Plays the demo clip (demo-media.ts), stored by the seed as a private file. */
  video?: boolean
  duration_seconds?: number
  is_preview?: boolean
}
export type DemoModule = {
  title: string
  required_tier: number
  drip_days?: number
  sections: { title: string; lessons: DemoLesson[] }[]
}

/**
 * The outline every demo course gets, titled after the course: free previews, lessons at
 * every tier (Basic 1, Premium 2, VIP 3) and one module that drips a week after enrollment.
 */
export function demoOutline(courseTitle: string, handle: string): DemoModule[] {
  // Every demo video lesson plays the same small clip served by the app itself.
  const video = (_n: number) => true
  const text = (what: string) => `# ${what}\n\nPart of **${courseTitle}**. Work through the notes, then try the exercise at the end.`
  return [
    {
      title: "Getting started",
      required_tier: 1,
      sections: [
        {
          title: "Welcome",
          lessons: [
            { title: `Welcome to ${courseTitle}`, type: "video", body: text("Welcome"), video: video(1), duration_seconds: 180, is_preview: true },
            { title: "How this course works", type: "text", body: text("How this course works"), is_preview: true },
            { title: "Your first session", type: "video", body: text("Your first session"), video: video(2), duration_seconds: 900 },
          ],
        },
        {
          title: "Foundations",
          lessons: [
            { title: "Core ideas", type: "text", body: text("Core ideas") },
            { title: "Practice sheet", type: "download", body: text("Practice sheet") },
          ],
        },
      ],
    },
    {
      title: "Going further (Premium)",
      required_tier: 2,
      sections: [
        {
          title: "Deep dives",
          lessons: [
            { title: "Deep dive one", type: "video", body: text("Deep dive one"), video: video(3), duration_seconds: 1500 },
            { title: "Deep dive two", type: "video", body: text("Deep dive two"), video: video(4), duration_seconds: 1320 },
          ],
        },
      ],
    },
    {
      title: "VIP masterclass",
      required_tier: 3,
      sections: [
        {
          title: "Live clinic recordings",
          lessons: [{ title: "Clinic: your questions answered", type: "video", body: text("Clinic"), video: video(5), duration_seconds: 3600 }],
        },
      ],
    },
    {
      title: "Week two (opens 7 days after you enroll)",
      required_tier: 1,
      drip_days: 7,
      sections: [
        {
          title: "Putting it together",
          lessons: [{ title: "Capstone", type: "text", body: text("Capstone") }],
        },
      ],
    },
  ]
}

/** One demo customer per the first org, owning Basic of its first course. */
export const DEMO_CUSTOMER = {
  email: process.env.DEMO_CUSTOMER_EMAIL || "student@acme-academy.local",
  password: DEMO_PASSWORD,
  first_name: "Sam",
  last_name: "Student",
  org_handle: "acme-academy",
  product_handle: "typescript-from-zero",
  variant_title: "Basic",
}
