import jwt from "jsonwebtoken"
import { MAX_MEDIA_URL_TTL_SECONDS, MediaUrlSigner } from "./signer"

/**
 * What the store answers for a lesson's video. `url` is something a <video> element plays
 * (our signed route, or a provider's signed HLS manifest); `embed_url` is the host's own
 * player for an iframe. `protected` says whether the link stops working when it expires.
 */
export type LessonPlayback = {
  provider: "file" | "url" | "youtube" | "vimeo" | "mux" | "cloudflare"
  url: string | null
  embed_url: string | null
  expires_at: Date | null
  protected: boolean
}

export type VideoRef = { lesson_id: string; provider: string; source: string }

/** One signer per video host; `LessonVideoSigner` picks the right one for a lesson. */
export interface PlaybackSigner {
  playback(video: VideoRef, now?: Date): LessonPlayback | null
}

const clampTtl = (ttl: number) => Math.max(1, Math.min(Math.floor(ttl), MAX_MEDIA_URL_TTL_SECONDS))

/** Files kept by Medusa's file module (private): our HMAC-signed /course-media route. */
export class FileRoutePlaybackSigner implements PlaybackSigner {
  constructor(private readonly signer: MediaUrlSigner) {}

  playback(video: VideoRef, now?: Date): LessonPlayback | null {
    if (video.provider !== "file") return null
    const { url, expires_at } = this.signer.sign(`/course-media/lessons/${video.lesson_id}/video`, now)
    return { provider: "file", url, embed_url: null, expires_at, protected: true }
  }
}

/**
 * YouTube and Vimeo: their own player in an iframe (who may watch is the host's privacy
 * setting; nothing of ours can expire). YouTube through its privacy-enhanced domain.
 */
export class EmbedPlaybackSigner implements PlaybackSigner {
  playback(video: VideoRef): LessonPlayback | null {
    if (video.provider !== "url") return null
    const embed = embedFor(video.source)
    return embed ? { ...embed, url: null, expires_at: null, protected: false } : null
  }
}

export function embedFor(source: string): { provider: "youtube" | "vimeo"; embed_url: string } | null {
  let u: URL
  try {
    u = new URL(source)
  } catch {
    return null
  }
  const host = u.hostname.replace(/^www\.|^m\./, "")
  const id = (value: string | null | undefined, re: RegExp) => (value && re.test(value) ? value : null)
  const yt = /^[A-Za-z0-9_-]{6,20}$/
  if (host === "youtu.be") {
    const v = id(u.pathname.slice(1), yt)
    return v ? { provider: "youtube", embed_url: `https://www.youtube-nocookie.com/embed/${v}` } : null
  }
  if (host === "youtube.com" || host === "youtube-nocookie.com") {
    const v = id(u.searchParams.get("v"), yt) ?? id(u.pathname.match(/^\/(?:embed|shorts|live)\/([^/]+)/)?.[1], yt)
    return v ? { provider: "youtube", embed_url: `https://www.youtube-nocookie.com/embed/${v}` } : null
  }
  if (host === "vimeo.com" || host === "player.vimeo.com") {
    const v = id(u.pathname.match(/^\/(?:video\/)?(\d{3,12})(?:\/|$)/)?.[1], /^\d+$/)
    return v ? { provider: "vimeo", embed_url: `https://player.vimeo.com/video/${v}` } : null
  }
  return null
}

/**
 * Any other video URL: handed out as it is, through our signed redirect so it is never in
 * a page for long, but the target itself is the host's and does not expire.
 */
export class PlainUrlPlaybackSigner implements PlaybackSigner {
  constructor(private readonly signer: MediaUrlSigner) {}

  playback(video: VideoRef, now?: Date): LessonPlayback | null {
    if (video.provider !== "url") return null
    const { url, expires_at } = this.signer.sign(`/course-media/lessons/${video.lesson_id}/video`, now)
    return { provider: "url", url, embed_url: null, expires_at, protected: false }
  }
}

export type RsaSigningKey = { key_id: string; private_key: string }

/** A PEM private key as given (PEM text, or base64 of it as Mux and Cloudflare hand it out). */
export function pemOf(key: string): string {
  const trimmed = key.trim()
  return trimmed.startsWith("-----BEGIN") ? trimmed : Buffer.from(trimmed, "base64").toString("utf8")
}

/**
 * Mux signed playback: an RS256 JWT with the signing key id as `kid`, the playback id as
 * `sub`, audience `v` (video) and `exp`; appended as `?token=` to the HLS URL, and as
 * `playback-token` to Mux Player's iframe URL.
 * https://docs.mux.com/guides/secure-video-playback
 */
export class MuxPlaybackSigner implements PlaybackSigner {
  private readonly ttl: number
  constructor(private readonly key: RsaSigningKey, ttlSeconds: number) {
    this.ttl = clampTtl(ttlSeconds)
  }

  playback(video: VideoRef, now: Date = new Date()): LessonPlayback | null {
    if (video.provider !== "mux" || !/^[A-Za-z0-9]{10,100}$/.test(video.source)) return null
    const exp = Math.floor(now.getTime() / 1000) + this.ttl
    const token = jwt.sign({ sub: video.source, aud: "v", exp }, pemOf(this.key.private_key), {
      algorithm: "RS256",
      keyid: this.key.key_id,
      noTimestamp: true,
    })
    return {
      provider: "mux",
      url: `https://stream.mux.com/${video.source}.m3u8?token=${token}`,
      embed_url: `https://player.mux.com/${video.source}?playback-token=${token}`,
      expires_at: new Date(exp * 1000),
      protected: true,
    }
  }
}

/**
 * Cloudflare Stream signed URLs: an RS256 JWT with the key id as `kid` (header and claim),
 * the video uid as `sub`, `exp` and `nbf`; the token takes the video uid's place in the
 * customer subdomain's URLs (`/<token>/manifest/video.m3u8`, `/<token>/iframe`).
 * https://developers.cloudflare.com/stream/viewing-videos/securing-your-stream/
 */
export class CloudflareStreamPlaybackSigner implements PlaybackSigner {
  private readonly ttl: number
  constructor(private readonly key: RsaSigningKey & { customer_code: string }, ttlSeconds: number) {
    this.ttl = clampTtl(ttlSeconds)
  }

  playback(video: VideoRef, now: Date = new Date()): LessonPlayback | null {
    if (video.provider !== "cloudflare" || !/^[a-f0-9]{32}$/.test(video.source)) return null
    const nowSeconds = Math.floor(now.getTime() / 1000)
    const exp = nowSeconds + this.ttl
    const token = jwt.sign(
      { sub: video.source, kid: this.key.key_id, exp, nbf: nowSeconds - 60 },
      pemOf(this.key.private_key),
      { algorithm: "RS256", keyid: this.key.key_id, noTimestamp: true }
    )
    const base = `https://customer-${this.key.customer_code}.cloudflarestream.com/${token}`
    return {
      provider: "cloudflare",
      url: `${base}/manifest/video.m3u8`,
      embed_url: `${base}/iframe`,
      expires_at: new Date(exp * 1000),
      protected: true,
    }
  }
}

/** The first signer that knows the lesson's video host; null when none does (not configured). */
export class LessonVideoSigner implements PlaybackSigner {
  constructor(private readonly signers: PlaybackSigner[]) {}

  playback(video: VideoRef, now?: Date): LessonPlayback | null {
    for (const signer of this.signers) {
      const answer = signer.playback(video, now)
      if (answer) return answer
    }
    return null
  }
}
