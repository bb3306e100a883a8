"use client"

import { useState } from "react"

/**
 * Billing country (always: tax follows it) and, for digital-only carts, the postal code
 * only in countries whose tax depends on it (see lib/checkout-rules.ts).
 */
export function BillingCountry({
  countries,
  defaultCountry,
  postcode,
  postcodeCountries,
  alwaysPostcode,
}: {
  countries: { iso_2: string; display_name: string }[]
  defaultCountry: string | null
  postcode: string
  postcodeCountries: readonly string[]
  alwaysPostcode: boolean
}) {
  const [country, setCountry] = useState(defaultCountry ?? "")
  const showPostcode = alwaysPostcode || postcodeCountries.includes(country)
  return (
    <div className="row">
      <label style={{ flex: 2 }}>
        Country
        <select name="country_code" required value={country} onChange={(e) => setCountry(e.target.value)} autoComplete="country">
          {countries.map((c) => (
            <option key={c.iso_2} value={c.iso_2}>
              {c.display_name}
            </option>
          ))}
        </select>
      </label>
      {showPostcode ? (
        <label style={{ flex: 1 }}>
          Postal code
          <input name="postal_code" required defaultValue={postcode} autoComplete="postal-code" />
        </label>
      ) : null}
    </div>
  )
}
