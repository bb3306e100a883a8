import path from "node:path"
import {
  CloudflareStreamPlaybackSigner,
  EmbedPlaybackSigner,
  FileRoutePlaybackSigner,
  LessonVideoSigner,
  MuxPlaybackSigner,
  PlainUrlPlaybackSigner,
  PlaybackSigner,
} from "./playback"
import { HmacMediaUrlSigner, MediaSecret, resolveMediaSecret } from "./signer"

/** Media options of the @volmify/courses plugin (see the plugin README, "Protected media"). */
export type CoursesMediaOptions = {
  /** Secret for signed media URLs. Default: COURSE_MEDIA_SECRET, else generated (signer.ts). */
  media_signing_secret?: string
  /** Lifetime of a signed media URL in seconds (default 600 or COURSE_MEDIA_URL_TTL_SECONDS, capped at 900). */
  media_url_ttl_seconds?: number
  /** Prefix for signed media URLs (default: none, i.e. a path on the Medusa server). */
  media_base_url?: string
  /**
   * How the signed route hands out a private file: `stream` (read from `private_files_dir`,
   * with Range support) or `presigned` (redirect to the file provider's own expiring URL:
   * S3). Default: `presigned` when S3_BUCKET is set, else `stream`.
   */
  media_delivery?: "stream" | "presigned"
  /** Where Medusa's local file provider keeps private files (same as its `private_upload_dir`). */
  private_files_dir?: string
  /** Mux signed playback (default MUX_SIGNING_KEY_ID / MUX_SIGNING_PRIVATE_KEY). */
  mux?: { signing_key_id: string; private_key: string }
  /** Cloudflare Stream signed URLs (default CLOUDFLARE_STREAM_KEY_ID / _PRIVATE_KEY / _CUSTOMER_CODE). */
  cloudflare_stream?: { key_id: string; private_key: string; customer_code: string }
}

export type MediaSetup = {
  secret: MediaSecret
  urlSigner: HmacMediaUrlSigner
  videoSigner: LessonVideoSigner
  delivery: "stream" | "presigned"
  privateFilesDir: string
}

/** The private directory both medusa-config.ts (file-local) and the plugin use by default. */
export const defaultPrivateFilesDir = (env: NodeJS.ProcessEnv = process.env) =>
  env.VOLMIFY_PRIVATE_FILES_DIR || path.join(process.cwd(), "private-files")

export function setUpMedia(options: CoursesMediaOptions = {}, env: NodeJS.ProcessEnv = process.env): MediaSetup {
  const secret = resolveMediaSecret(options.media_signing_secret, env)
  const ttl = options.media_url_ttl_seconds ?? Number(env.COURSE_MEDIA_URL_TTL_SECONDS || 600)
  const urlSigner = new HmacMediaUrlSigner({ secret: secret.secret, ttlSeconds: ttl, baseUrl: options.media_base_url ?? "" })
  const signers: PlaybackSigner[] = [new FileRoutePlaybackSigner(urlSigner), new EmbedPlaybackSigner(), new PlainUrlPlaybackSigner(urlSigner)]
  const mux = options.mux ?? (env.MUX_SIGNING_KEY_ID && env.MUX_SIGNING_PRIVATE_KEY
    ? { signing_key_id: env.MUX_SIGNING_KEY_ID, private_key: env.MUX_SIGNING_PRIVATE_KEY }
    : undefined)
  if (mux) signers.push(new MuxPlaybackSigner({ key_id: mux.signing_key_id, private_key: mux.private_key }, ttl))
  const cf = options.cloudflare_stream ?? (env.CLOUDFLARE_STREAM_KEY_ID && env.CLOUDFLARE_STREAM_PRIVATE_KEY && env.CLOUDFLARE_STREAM_CUSTOMER_CODE
    ? { key_id: env.CLOUDFLARE_STREAM_KEY_ID, private_key: env.CLOUDFLARE_STREAM_PRIVATE_KEY, customer_code: env.CLOUDFLARE_STREAM_CUSTOMER_CODE }
    : undefined)
  if (cf) {
    if (!/^[a-z0-9]{1,64}$/.test(cf.customer_code)) {
      throw new TypeError("cloudflare_stream.customer_code must be the letters and digits of customer-<code>.cloudflarestream.com")
    }
    signers.push(new CloudflareStreamPlaybackSigner(cf, ttl))
  }
  return {
    secret,
    urlSigner,
    videoSigner: new LessonVideoSigner(signers),
    delivery: options.media_delivery ?? (env.S3_BUCKET ? "presigned" : "stream"),
    privateFilesDir: path.resolve(options.private_files_dir ?? defaultPrivateFilesDir(env)),
  }
}
