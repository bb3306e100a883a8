import fileTypeChecker from "file-type-checker"

/**
 * What staff may upload: the types a course needs, recognised by their first bytes
 * (file-type-checker's signature table), never by the name or the browser's claim.
 * Images without SVG (SVG is a document that runs scripts), PDF, video, audio and common
 * office documents. Text formats (HTML, SVG, CSV, plain text) have no signature and are
 * refused: a text file the browser sniffs is exactly the stored-XSS risk.
 */
export const UPLOAD_TYPES = {
  png: "image/png",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  avif: "image/avif",
  heic: "image/heic",
  bmp: "image/bmp",
  pdf: "application/pdf",
  mp4: "video/mp4",
  m4v: "video/x-m4v",
  mov: "video/quicktime",
  webm: "video/webm",
  mkv: "video/x-matroska",
  avi: "video/x-msvideo",
  mp3: "audio/mpeg",
  m4a: "audio/mp4",
  aac: "audio/aac",
  wav: "audio/wav",
  flac: "audio/flac",
  ogg: "audio/ogg",
  doc: "application/msword",
  rtf: "application/rtf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  odt: "application/vnd.oasis.opendocument.text",
  ods: "application/vnd.oasis.opendocument.spreadsheet",
  odp: "application/vnd.oasis.opendocument.presentation",
  epub: "application/epub+zip",
} as const

export type UploadExtension = keyof typeof UPLOAD_TYPES

/** Office documents are zip containers: their signature is zip's, the name says which. */
const ZIP_DOCUMENTS = new Set<UploadExtension>(["docx", "xlsx", "pptx", "odt", "ods", "odp", "epub"])

export type UploadDecision =
  | { ok: true; extension: UploadExtension; mime: string; filename: string }
  | { ok: false; reason: string }

const extensionOf = (name: string) => (/\.([A-Za-z0-9]+)$/.exec(name)?.[1] ?? "").toLowerCase()

/**
 * Whether `content` (named `name` by the uploader) may be stored, and under which name:
 * the extension is replaced with the one the content proves, so a static server that
 * types files by extension can never serve it as HTML.
 */
export function decideUpload(content: Uint8Array, name: string): UploadDecision {
  const detected = fileTypeChecker.detectFile(content)
  const claimed = extensionOf(name)
  let extension: UploadExtension | null = null
  if (detected?.extension === "zip") {
    extension = ZIP_DOCUMENTS.has(claimed as UploadExtension) ? (claimed as UploadExtension) : null
  } else if (detected && detected.extension in UPLOAD_TYPES) {
    extension = detected.extension as UploadExtension
  }
  if (!extension) {
    const what = detected ? `${detected.extension} content` : "content of no known type (text, HTML or SVG)"
    return {
      ok: false,
      reason: `"${name}" is ${what}; staff may upload images (not SVG), PDF, video, audio and office documents`,
    }
  }
  const base = name.replace(/\.[A-Za-z0-9]+$/, "").replace(/[^A-Za-z0-9._-]+/g, "-").slice(0, 80) || "file"
  return { ok: true, extension, mime: UPLOAD_TYPES[extension], filename: `${base}.${extension}` }
}

/** Served inline (a page may show them); everything else downloads as an attachment. */
export const isInlineMime = (mime: string) => mime.startsWith("image/") || mime.startsWith("video/")
