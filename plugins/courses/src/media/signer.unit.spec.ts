import fs from "node:fs"
import os from "node:os"
import nodePath from "node:path"
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

  it("takes the secret from the option, then COURSE_MEDIA_SECRET, never from JWT_SECRET", () => {
    expect(resolveMediaSecret("opt", { COURSE_MEDIA_SECRET: "env" })).toEqual({ secret: "opt", source: "option" })
    expect(resolveMediaSecret(undefined, { COURSE_MEDIA_SECRET: "env" })).toEqual({ secret: "env", source: "env" })
    const a = resolveMediaSecret(undefined, { NODE_ENV: "test", JWT_SECRET: "one" })
    const b = resolveMediaSecret(undefined, { NODE_ENV: "test", JWT_SECRET: "one" })
    expect(a.secret).toMatch(/^[0-9a-f]{64}$/)
    expect(a.source).toBe("generated")
    expect(a.secret).not.toBe(b.secret)
  })

  it("in development generates a secret into .data once (mode 0600) and reuses it", () => {
    const dir = fs.mkdtempSync(nodePath.join(os.tmpdir(), "media-secret-"))
    const first = resolveMediaSecret(undefined, { NODE_ENV: "development" }, dir)
    const second = resolveMediaSecret(undefined, { NODE_ENV: "development" }, dir)
    expect(first.source).toBe("file")
    expect(second).toEqual(first)
    const file = nodePath.join(dir, "course-media-secret")
    expect(fs.statSync(file).mode & 0o777).toBe(0o600)
    expect(fs.readFileSync(file, "utf8").trim()).toBe(first.secret)
    fs.rmSync(dir, { recursive: true, force: true })
  })
})
