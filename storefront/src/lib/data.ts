import "./server-only"
import { COOKIE } from "./config"
import { store, StoreError } from "./medusa"
import { perRequest, requestCookie } from "./request-scope"

export { formatDecimalMoney, formatMoney, promotionLabel } from "./money"

export type Org = {
  id: string
  handle: string
  name: string
  support_email: string | null
  branding: {
    logo_url: string | null
    primary_color: string | null
    accent_color: string | null
    font: string
    default_locale: string
  }
  locales: string[]
  default_currency_code: string | null
}

export type Region = { id: string; name: string; currency_code: string; countries?: { iso_2: string; display_name: string }[] }

export const getOrg = perRequest(async (): Promise<Org> => (await store<{ org: Org }>("/store/org", { auth: false })).org)

export const listRegions = perRequest(async (): Promise<Region[]> => {
  const { regions } = await store<{ regions: Region[] }>("/store/regions", {
    auth: false,
    query: { fields: "id,name,currency_code,*countries" },
  })
  return regions
})

/**
 * The visitor's region: the one they chose (cookie), else the first in the org's default
 * currency, else the first region. Never a redirect: a region without countries or prices
 * is shown as such, not bounced around.
 */
export const getRegion = perRequest(async (): Promise<Region | null> => {
  const regions = await listRegions()
  const chosen = await requestCookie(COOKIE.region)
  const org = await getOrg()
  return (
    regions.find((r) => r.id === chosen) ??
    regions.find((r) => r.currency_code === org.default_currency_code) ??
    regions[0] ??
    null
  )
})

export type Variant = {
  id: string
  title: string
  calculated_price?: { calculated_amount: number | null; currency_code: string } | null
}
export type Product = {
  id: string
  handle: string
  title: string
  subtitle: string | null
  description: string | null
  thumbnail: string | null
  variants: Variant[]
}

const PRODUCT_FIELDS = "id,handle,title,subtitle,description,thumbnail,*variants,*variants.calculated_price"

export async function listProducts(limit = 24): Promise<Product[]> {
  const region = await getRegion()
  const { products } = await store<{ products: Product[] }>("/store/products", {
    auth: false,
    query: { limit, fields: PRODUCT_FIELDS, ...(region ? { region_id: region.id } : {}) },
  })
  return products
}

export async function getProduct(handle: string): Promise<Product | null> {
  const region = await getRegion()
  const { products } = await store<{ products: Product[] }>("/store/products", {
    auth: false,
    query: { handle, fields: PRODUCT_FIELDS, ...(region ? { region_id: region.id } : {}) },
  })
  return products[0] ?? null
}

export type Address = {
  first_name?: string | null
  last_name?: string | null
  address_1?: string | null
  city?: string | null
  postal_code?: string | null
  country_code?: string | null
}
export type Customer = {
  id: string
  email: string
  first_name: string | null
  last_name: string | null
  addresses?: (Address & { id: string })[]
}

/** The logged-in customer, or null (also when the session expired). */
export const getCustomer = perRequest(async (): Promise<Customer | null> => {
  const token = await requestCookie(COOKIE.token)
  if (!token) return null
  try {
    return (await store<{ customer: Customer }>("/store/customers/me", { query: { fields: "*addresses" } })).customer
  } catch (error) {
    if (error instanceof StoreError && error.status === 401) return null
    throw error
  }
})

export type LineItem = {
  id: string
  title: string
  product_title: string
  variant_title: string
  variant_id: string
  quantity: number
  unit_price: number
  total: number
  /** Before discounts (coupons, upgrade credit), which the cart lists on their own line. */
  original_total?: number
  product_handle?: string
  requires_shipping?: boolean | null
}
export type Cart = {
  id: string
  email: string | null
  currency_code: string
  region_id: string
  items: LineItem[]
  subtotal: number
  tax_total: number
  discount_total: number
  total: number
  billing_address?: Record<string, string | null> | null
  completed_at?: string | null
  promotions?: { id: string; code: string | null }[]
}

const CART_FIELDS = "id,email,currency_code,region_id,completed_at,subtotal,tax_total,discount_total,total,*items,*billing_address,*promotions"

/** The visitor's open cart (cookie), or null. A completed or foreign cart counts as none. */
export const getCart = perRequest(async (): Promise<Cart | null> => {
  const id = await requestCookie(COOKIE.cart)
  if (!id) return null
  try {
    const { cart } = await store<{ cart: Cart }>(`/store/carts/${id}`, { query: { fields: CART_FIELDS } })
    return cart.completed_at ? null : cart
  } catch (error) {
    if (error instanceof StoreError && (error.status === 404 || error.status === 400)) return null
    throw error
  }
})

