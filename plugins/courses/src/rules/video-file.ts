/**
 * What a lesson video upload must be: one of the formats browsers play in <video>, its
 * declared type matching its extension and its first bytes (the container's signature),
 * so a renamed executable or an HTML page is refused. Pure; the route passes the head.
 */
export const LESSON_VIDEO_TYPES = {
  "video/mp4": { extensions: ["mp4", "m4v"], container: "iso" },
  "video/quicktime": { extensions: ["mov"], container: "iso" },
  "video/webm": { extensions: ["webm"], container: "ebml" },
} as const

export type LessonVideoType = keyof typeof LESSON_VIDEO_TYPES
export type VideoCheck = { ok: true; mime_type: LessonVideoType } | { ok: false; message: string }

// ISO base media (MP4/MOV): a box size then a box type at bytes 4-8.
const ISO_BOXES = new Set(["ftyp", "moov", "mdat", "wide", "free", "skip"])
const EBML = [0x1a, 0x45, 0xdf, 0xa3]

function container(head: Uint8Array): "iso" | "ebml" | null {
  if (head.length >= 4 && EBML.every((b, i) => head[i] === b)) return "ebml"
  if (head.length >= 8 && ISO_BOXES.has(String.fromCharCode(...head.subarray(4, 8)))) return "iso"
  return null
}

export function checkLessonVideo(file: { name: string; mime_type: string; size: number; head: Uint8Array }, maxBytes: number): VideoCheck {
  const allowed = Object.keys(LESSON_VIDEO_TYPES).join(", ")
  const type = LESSON_VIDEO_TYPES[file.mime_type as LessonVideoType]
  if (!type) return { ok: false, message: `file type ${file.mime_type || "(none)"} is not a lesson video: use ${allowed}` }
  if (file.size === 0) return { ok: false, message: "the file is empty" }
  if (file.size > maxBytes) return { ok: false, message: `the file must be at most ${Math.floor(maxBytes / 1024 / 1024)} MB` }
  const extension = file.name.toLowerCase().split(".").pop() ?? ""
  if (!(type.extensions as readonly string[]).includes(extension)) {
    return { ok: false, message: `a ${file.mime_type} file must be named .${type.extensions.join(" or .")}` }
  }
  if (container(file.head) !== type.container) {
    return { ok: false, message: `the file's content is not a ${file.mime_type} video` }
  }
  return { ok: true, mime_type: file.mime_type as LessonVideoType }
}
