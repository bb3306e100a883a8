import { HmacMediaUrlSigner, MAX_MEDIA_URL_TTL_SECONDS, resolveMediaSecret } from "./signer"

const now = new Date("2026-01-01T00:00:00Z")
const path = "/course-media/lessons/les_1/video"
const parse = (url: string) => {
  const u = new URL(url, "http://x")
  return { path: u.pathname, expires: u.searchParams.get("expires")!, signature: u.searchParams.get("signature")! }
}

describe("HmacMediaUrlSigner", () => {
  const signer = new HmacMediaUrlSigner({ secret: "s3cret", ttlSeconds: 600 })

  it("signs path + expiry and verifies its own URL until it expires", () => {
    const { url, expires_at } = signer.sign(path, now)
    expect(expires_at).toEqual(new Date(now.getTime() + 600_000))
    const p = parse(url)
    expect(p.path).toBe(path)
    expect(signer.verify(path, p.expires, p.signature, now)).toBe("valid")
    expect(signer.verify(path, p.expires, p.signature, new Date(now.getTime() + 599_000))).toBe("valid")
    expect(signer.verify(path, p.expires, p.signature, new Date(now.getTime() + 600_000))).toBe("expired")
  })

  it("refuses an altered path, expiry or signature, another secret, and garbage", () => {
    const p = parse(signer.sign(path, now).url)
    expect(signer.verify("/course-media/lessons/les_2/video", p.expires, p.signature, now)).toBe("invalid")
    expect(signer.verify(path, String(Number(p.expires) + 60), p.signature, now)).toBe("invalid")
    expect(signer.verify(path, p.expires, p.signature.replace(/^./, (c) => (c === "a" ? "b" : "a")), now)).toBe("invalid")
    expect(new HmacMediaUrlSigner({ secret: "other" }).verify(path, p.expires, p.signature, now)).toBe("invalid")
    expect(signer.verify(path, undefined, p.signature, now)).toBe("invalid")
    expect(signer.verify(path, "12x", p.signature, now)).toBe("invalid")
    expect(signer.verify(path, p.expires, "zz", now)).toBe("invalid")
  })

  it("caps the lifetime at 15 minutes", () => {
    const long = new HmacMediaUrlSigner({ secret: "s", ttlSeconds: 86_400 })
    expect(long.sign(path, now).expires_at.getTime() - now.getTime()).toBe(MAX_MEDIA_URL_TTL_SECONDS * 1000)
  })

  it("takes the secret from the option, then COURSE_MEDIA_SECRET, then derives one from JWT_SECRET", () => {
    expect(resolveMediaSecret("opt", { COURSE_MEDIA_SECRET: "env" })).toBe("opt")
    expect(resolveMediaSecret(undefined, { COURSE_MEDIA_SECRET: "env" })).toBe("env")
    const a = resolveMediaSecret(undefined, { JWT_SECRET: "one" })
    expect(a).toMatch(/^[0-9a-f]{64}$/)
    expect(a).not.toBe(resolveMediaSecret(undefined, { JWT_SECRET: "two" }))
  })
})
