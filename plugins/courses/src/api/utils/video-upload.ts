import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"

/** Largest lesson video accepted by POST /admin/lesson-media/video (VOLMIFY_LESSON_VIDEO_MAX_MB, default 100). */
export function lessonVideoMaxBytes() {
  const mb = Number(process.env.VOLMIFY_LESSON_VIDEO_MAX_MB)
  return (Number.isFinite(mb) && mb > 0 ? mb : 100) * 1024 * 1024
}

// Medusa's own /admin/uploads parses multipart with multer (a dependency of @medusajs/medusa).
type MulterError = { code?: string; field?: string; message?: string }
type Multer = ((o: object) => { single(field: string): (req: unknown, res: unknown, next: (e?: MulterError) => void) => void }) & {
  memoryStorage(): unknown
}
const multer = require("multer") as Multer

/**
 * Parses one multipart `file` field into memory, refusing more than the video limit (+1 byte,
 * so the route reports the size) with 413, a second file or another field with 400 naming it.
 */
export function singleVideoUpload() {
  return (req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) => {
    const max = lessonVideoMaxBytes()
    const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: max, files: 1, fields: 0 } }).single("file")
    upload(req, res, (error?: MulterError) => {
      if (!error) return next()
      const status = error.code === "LIMIT_FILE_SIZE" ? 413 : 400
      const message =
        error.code === "LIMIT_FILE_SIZE"
          ? `the file must be at most ${Math.floor(max / 1024 / 1024)} MB`
          : error.code === "LIMIT_UNEXPECTED_FILE"
            ? `send one file in the form field \`file\`${error.field ? ` (got \`${error.field}\`)` : ""}`
            : `the upload could not be read: ${error.message ?? "bad multipart body"}`
      res.status(status).json({ type: "invalid_data", message })
    })
  }
}
