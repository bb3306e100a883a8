/**
 * The mailbox an address delivers to, for self-referral checks: `Name+x@Example.com` and
 * `name@example.com` reach the same person, and so do `n.a.m.e@gmail.com` and
 * `name@googlemail.com`. Never used to send mail or as a login, only to compare.
 * - case is ignored (mailbox local parts are case-insensitive in practice);
 * - a `+tag` is dropped (sub-addressing: Gmail, Outlook, iCloud, Fastmail, Proton, most hosts);
 * - dots are dropped at providers that ignore them, whose domain aliases are folded too.
 */
export const DOT_INSENSITIVE_DOMAINS: Record<string, string> = {
  "gmail.com": "gmail.com",
  "googlemail.com": "gmail.com",
}

/** `local@domain` lower-cased, without sub-address tag (and dots where ignored); null if not an address. */
export function canonicalMailbox(email: string | null | undefined): string | null {
  const value = String(email ?? "").trim().toLowerCase()
  const at = value.lastIndexOf("@")
  if (at <= 0 || at === value.length - 1) return null
  let local = value.slice(0, at)
  let domain = value.slice(at + 1).replace(/\.$/, "")
  local = local.split("+")[0]
  const folded = DOT_INSENSITIVE_DOMAINS[domain]
  if (folded) {
    domain = folded
    local = local.replace(/\./g, "")
  }
  return local ? `${local}@${domain}` : null
}

/** Whether two addresses reach the same mailbox (false when either is missing). */
export function sameMailbox(a: string | null | undefined, b: string | null | undefined): boolean {
  const x = canonicalMailbox(a)
  return !!x && x === canonicalMailbox(b)
}
