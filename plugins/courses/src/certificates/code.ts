import { randomBytes } from "node:crypto"

// Crockford base32 without look-alikes (no I, L, O, U).
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

/** A verification code like `VCRT-7K3M-Q9XD-2HTW`: 80 random bits, easy to read aloud. */
export function newVerificationCode(): string {
  const bytes = randomBytes(16)
  const chars = Array.from({ length: 16 }, (_, i) => ALPHABET[bytes[i] % 32])
  return `VCRT-${chars.slice(0, 4).join("")}-${chars.slice(4, 8).join("")}-${chars.slice(8, 12).join("")}-${chars.slice(12, 16).join("")}`
}

/** Normalises what a visitor typed (case, spaces, look-alikes) to the stored form. */
export function normaliseVerificationCode(input: string): string {
  return input
    .trim()
    .toUpperCase()
    .replace(/\s+/g, "")
    .replace(/[IL]/g, "1")
    .replace(/O/g, "0")
}

export const VERIFICATION_CODE_PATTERN = /^VCRT(-[0-9A-HJKMNP-TV-Z]{4}){4}$/
