import { createHash } from "node:crypto"
import { gzipSync } from "node:zlib"
import { gateOutline, OutlineContext, PreparedOutline } from "../../rules/build-outline"

/**
 * The store outline response of a course, serialized (and gzipped when asked), for callers
 * in the same position: same outline stamp, course fields and tiers, tier, enrollment start
 * and completed placements. A big course's
 * outline is ~150 KB of JSON; building and encoding it per request was most of the cost of
 * GET /store/courses/:handle in the bench profile. Entries hold until the next drip release
 * in them; bounded by total bytes (least recently stored out first).
 */
type Entry = { body: Buffer; gzip?: Buffer; expires_at: number }
const entries = new Map<string, Entry>()
let totalBytes = 0
const MAX_BYTES = 64 * 1024 * 1024

function evict() {
  while (totalBytes > MAX_BYTES && entries.size) {
    const [key, entry] = entries.entries().next().value as [string, Entry]
    entries.delete(key)
    totalBytes -= entry.body.length + (entry.gzip?.length ?? 0)
  }
}

function earliestRelease(modules: ReturnType<typeof gateOutline>["modules"], now: number): number {
  let next = Infinity
  const see = (at: string | null) => {
    if (!at) return
    const t = Date.parse(at)
    if (t > now && t < next) next = t
  }
  for (const m of modules) {
    see(m.available_at)
    for (const s of m.sections) {
      see(s.available_at)
      for (const l of s.lessons) see(l.available_at)
    }
  }
  return next
}

/**
 * The whole response body `{"course":{...head,"modules":[...]}}` (head: the course fields,
 * tiers and access, as JSON), as UTF-8 and, on demand, gzipped once per entry.
 */
export function gatedOutlineBody(
  courseId: string,
  stamp: string,
  prepared: PreparedOutline,
  ctx: Omit<OutlineContext, "now">,
  headJson: string
): { body: Buffer; gzip: () => Buffer } {
  const enrolledAt = ctx.enrolled_at ? new Date(ctx.enrolled_at).getTime() : null
  // Without an enrollment, a days-after-enrollment drip counts from now: nothing to share.
  const cacheable = enrolledAt !== null || !prepared.has_relative_drip
  const now = Date.now()
  let key = ""
  if (cacheable) {
    const completed = createHash("sha1").update([...ctx.completed_placement_ids].sort().join(",")).digest("base64")
    const head = createHash("sha1").update(headJson).digest("base64")
    key = [courseId, stamp, ctx.course_status, ctx.customer_id ? "c" : "a", ctx.customer_tier, enrolledAt ?? "", completed, head].join("|")
    const hit = entries.get(key)
    if (hit && hit.expires_at > now) return withGzip(hit)
    if (hit) {
      entries.delete(key)
      totalBytes -= hit.body.length + (hit.gzip?.length ?? 0)
    }
  }
  const { modules } = gateOutline(prepared, { ...ctx, now: new Date(now) })
  // {"course":{...head fields,"modules":[...]}}
  const body = Buffer.from(`{"course":${headJson.slice(0, -1)},"modules":${JSON.stringify(modules)}}}`)
  const entry: Entry = { body, expires_at: earliestRelease(modules, now) }
  if (cacheable) {
    entries.set(key, entry)
    totalBytes += body.length
    evict()
  }
  return withGzip(entry)
}

function withGzip(entry: Entry) {
  return {
    body: entry.body,
    gzip: () => {
      if (!entry.gzip) {
        entry.gzip = gzipSync(entry.body, { level: 6 })
        totalBytes += entry.gzip.length
      }
      return entry.gzip
    },
  }
}
