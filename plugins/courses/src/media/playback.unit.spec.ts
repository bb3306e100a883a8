import { generateKeyPairSync } from "node:crypto"
import jwt from "jsonwebtoken"
import { setUpMedia } from "./config"
import {
  CloudflareStreamPlaybackSigner,
  embedFor,
  LessonVideoSigner,
  MuxPlaybackSigner,
  pemOf,
} from "./playback"

const now = new Date("2026-12-02T12:00:00Z")
const nowSeconds = now.getTime() / 1000
const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 })
const privatePem = privateKey.export({ type: "pkcs1", format: "pem" }).toString()
const publicPem = publicKey.export({ type: "spki", format: "pem" }).toString()
// Mux and Cloudflare hand out the private key base64-encoded.
const privateB64 = Buffer.from(privatePem).toString("base64")

const verify = (token: string) => jwt.verify(token, publicPem, { algorithms: ["RS256"], clockTimestamp: nowSeconds }) as Record<string, any>

describe("Mux signed playback", () => {
  const signer = new MuxPlaybackSigner({ key_id: "muxKeyId123", private_key: privateB64 }, 600)
  const playbackId = "qxb01i6T202018GFS02vp9RIe01icTcDCjVzQpmaB00CUisJ4"

  it("signs an RS256 JWT: kid = signing key id, sub = playback id, aud v, exp = now + ttl", () => {
    const answer = signer.playback({ lesson_id: "les_1", provider: "mux", source: playbackId }, now)!
    const token = new URL(answer.url!).searchParams.get("token")!
    expect(answer.url).toBe(`https://stream.mux.com/${playbackId}.m3u8?token=${token}`)
    expect(answer.embed_url).toBe(`https://player.mux.com/${playbackId}?playback-token=${token}`)
    const decoded = jwt.decode(token, { complete: true })!
    expect(decoded.header).toEqual({ alg: "RS256", typ: "JWT", kid: "muxKeyId123" })
    expect(verify(token)).toEqual({ sub: playbackId, aud: "v", exp: nowSeconds + 600 })
    expect(answer.expires_at).toEqual(new Date((nowSeconds + 600) * 1000))
    expect(answer.protected).toBe(true)
  })

  it("caps the lifetime at 15 minutes, refuses odd ids and other hosts", () => {
    const long = new MuxPlaybackSigner({ key_id: "k", private_key: privatePem }, 86_400)
    const token = new URL(long.playback({ lesson_id: "l", provider: "mux", source: playbackId }, now)!.url!).searchParams.get("token")!
    expect(verify(token).exp).toBe(nowSeconds + 900)
    expect(signer.playback({ lesson_id: "l", provider: "mux", source: "../../evil" }, now)).toBeNull()
    expect(signer.playback({ lesson_id: "l", provider: "cloudflare", source: playbackId }, now)).toBeNull()
    // An expired token fails verification with the public key.
    expect(() => jwt.verify(token, publicPem, { algorithms: ["RS256"], clockTimestamp: nowSeconds + 901 })).toThrow(/expired/)
  })
})

describe("Cloudflare Stream signed URLs", () => {
  const signer = new CloudflareStreamPlaybackSigner({ key_id: "cfKey0001", private_key: privateB64, customer_code: "f33zs165nr7gyfy4" }, 300)
  const uid = "5d5bc37ffcf54c9b82e996823bffbb81"

  it("signs an RS256 JWT: kid in header and claims, sub = video uid, exp, nbf; the token replaces the uid in the URL", () => {
    const answer = signer.playback({ lesson_id: "les_1", provider: "cloudflare", source: uid }, now)!
    const m = /^https:\/\/customer-f33zs165nr7gyfy4\.cloudflarestream\.com\/([^/]+)\/manifest\/video\.m3u8$/.exec(answer.url!)
    expect(m).not.toBeNull()
    const token = m![1]
    expect(answer.embed_url).toBe(`https://customer-f33zs165nr7gyfy4.cloudflarestream.com/${token}/iframe`)
    expect(jwt.decode(token, { complete: true })!.header).toEqual({ alg: "RS256", typ: "JWT", kid: "cfKey0001" })
    expect(verify(token)).toEqual({ sub: uid, kid: "cfKey0001", exp: nowSeconds + 300, nbf: nowSeconds - 60 })
    expect(answer.url).not.toContain(uid)
  })

  it("refuses a uid that is not Stream's 32 hex characters", () => {
    expect(signer.playback({ lesson_id: "l", provider: "cloudflare", source: "nope" }, now)).toBeNull()
  })
})

describe("embeds and the signer chain", () => {
  it("turns YouTube and Vimeo links into their players, nothing else", () => {
    expect(embedFor("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=3")).toEqual({ provider: "youtube", embed_url: "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" })
    expect(embedFor("https://youtu.be/dQw4w9WgXcQ")).toEqual({ provider: "youtube", embed_url: "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" })
    expect(embedFor("https://vimeo.com/76979871")).toEqual({ provider: "vimeo", embed_url: "https://player.vimeo.com/video/76979871" })
    expect(embedFor("https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ")).toBeNull()
    expect(embedFor("https://www.youtube.com/watch?v=<script>")).toBeNull()
    expect(embedFor("not a url")).toBeNull()
  })

  it("signs file videos through our route, embeds YouTube, passes plain URLs through the route, and has no URL for unconfigured hosts", () => {
    const media = setUpMedia({ media_signing_secret: "s", media_url_ttl_seconds: 120 }, { NODE_ENV: "test" })
    const signer: LessonVideoSigner = media.videoSigner
    const file = signer.playback({ lesson_id: "les_1", provider: "file", source: "private-1-x.mp4" }, now)!
    expect(file.url).toMatch(/^\/course-media\/lessons\/les_1\/video\?expires=\d+&signature=[0-9a-f]{64}$/)
    expect(file).toMatchObject({ provider: "file", protected: true, expires_at: new Date(now.getTime() + 120_000) })
    expect(signer.playback({ lesson_id: "les_1", provider: "url", source: "https://youtu.be/dQw4w9WgXcQ" }, now)).toMatchObject({ provider: "youtube", url: null, protected: false })
    expect(signer.playback({ lesson_id: "les_1", provider: "url", source: "https://cdn.example/v.mp4" }, now)).toMatchObject({ provider: "url", protected: false })
    expect(signer.playback({ lesson_id: "les_1", provider: "mux", source: "abcdefghijkl" }, now)).toBeNull()
    const withMux = setUpMedia({ media_signing_secret: "s", mux: { signing_key_id: "k", private_key: privatePem } }, { NODE_ENV: "test" })
    expect(withMux.videoSigner.playback({ lesson_id: "l", provider: "mux", source: "abcdefghijkl" }, now)?.provider).toBe("mux")
    expect(pemOf(privateB64).trim()).toBe(privatePem.trim())
    expect(media.delivery).toBe("stream")
    expect(setUpMedia({ media_signing_secret: "s" }, { NODE_ENV: "test", S3_BUCKET: "b" }).delivery).toBe("presigned")
    expect(() => setUpMedia({ media_signing_secret: "s", cloudflare_stream: { key_id: "k", private_key: privatePem, customer_code: "x.evil" } }, {})).toThrow(/customer_code/)
  })
})
