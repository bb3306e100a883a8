import { createHmac, randomBytes, timingSafeEqual } from "node:crypto"
import fs from "node:fs"
import path from "node:path"

/** The longest a signed media URL may live: 15 minutes. */
export const MAX_MEDIA_URL_TTL_SECONDS = 15 * 60

export type SignedUrl = { url: string; expires_at: Date }
export type MediaCheck = "valid" | "expired" | "invalid"

/**
 * Hands out short-lived URLs for lesson media and checks them. The HMAC signer below
 * serves our own `/course-media/...` route; a provider with its own signed playback
 * (Mux, Cloudflare Stream) gets its own implementation of this interface.
 */
export interface MediaUrlSigner {
  /** A URL for `path` (a path of our media route) valid until `now + ttl`. */
  sign(path: string, now?: Date): SignedUrl
  /** Checks a request for `path` carrying `expires` (unix seconds) and `signature`. */
  verify(path: string, expires: string | undefined, signature: string | undefined, now?: Date): MediaCheck
}

export type HmacSignerOptions = { secret: string; ttlSeconds?: number; baseUrl?: string }

/** HMAC-SHA256 over `path + "\n" + expires`, hex; the TTL is capped at 15 minutes. */
export class HmacMediaUrlSigner implements MediaUrlSigner {
  private readonly secret: string
  private readonly ttlSeconds: number
  private readonly baseUrl: string

  constructor({ secret, ttlSeconds = 10 * 60, baseUrl = "" }: HmacSignerOptions) {
    if (!secret) {
      throw new TypeError("HmacMediaUrlSigner needs a secret")
    }
    this.secret = secret
    this.ttlSeconds = Math.max(1, Math.min(Math.floor(ttlSeconds), MAX_MEDIA_URL_TTL_SECONDS))
    this.baseUrl = baseUrl.replace(/\/+$/, "")
  }

  private mac(path: string, expires: string) {
    return createHmac("sha256", this.secret).update(`${path}\n${expires}`).digest("hex")
  }

  sign(path: string, now: Date = new Date()): SignedUrl {
    const expires = Math.floor(now.getTime() / 1000) + this.ttlSeconds
    const signature = this.mac(path, String(expires))
    return {
      url: `${this.baseUrl}${path}?expires=${expires}&signature=${signature}`,
      expires_at: new Date(expires * 1000),
    }
  }

  verify(path: string, expires: string | undefined, signature: string | undefined, now: Date = new Date()): MediaCheck {
    if (!expires || !signature || !/^\d{1,12}$/.test(expires) || !/^[0-9a-f]{64}$/.test(signature)) {
      return "invalid"
    }
    const expected = Buffer.from(this.mac(path, expires), "hex")
    if (!timingSafeEqual(expected, Buffer.from(signature, "hex"))) {
      return "invalid"
    }
    const expiresMs = Number(expires) * 1000
    // A signature for a TTL longer than allowed was not made by us (or the cap changed).
    if (expiresMs <= now.getTime() || expiresMs - now.getTime() > MAX_MEDIA_URL_TTL_SECONDS * 1000 + 1000) {
      return "expired"
    }
    return "valid"
  }
}

export type MediaSecret = { secret: string; source: "option" | "env" | "file" | "generated" }

/**
 * The media signing secret, never shared with anything else: the plugin option, else
 * COURSE_MEDIA_SECRET, else (development) a random one generated once into
 * `.data/course-media-secret` (mode 0600, next to the run command's other generated
 * secrets) and reused, else a random one for this process only (tests, production
 * without the variable: links then only verify on the process that signed them).
 */
export function resolveMediaSecret(
  option?: string,
  env: NodeJS.ProcessEnv = process.env,
  dataDir: string = path.join(process.cwd(), ".data")
): MediaSecret {
  if (option) return { secret: option, source: "option" }
  if (env.COURSE_MEDIA_SECRET) return { secret: env.COURSE_MEDIA_SECRET, source: "env" }
  const generated = randomBytes(32).toString("hex")
  if (env.NODE_ENV === "test" || env.NODE_ENV === "production") {
    return { secret: generated, source: "generated" }
  }
  const file = path.join(dataDir, "course-media-secret")
  try {
    const existing = fs.readFileSync(file, "utf8").trim()
    if (/^[0-9a-f]{64}$/.test(existing)) return { secret: existing, source: "file" }
  } catch {
    // not there yet
  }
  try {
    fs.mkdirSync(dataDir, { recursive: true })
    fs.writeFileSync(file, generated + "\n", { mode: 0o600, flag: "w" })
    fs.chmodSync(file, 0o600)
    return { secret: generated, source: "file" }
  } catch {
    return { secret: generated, source: "generated" }
  }
}
