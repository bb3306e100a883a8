import path from "node:path"
import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import express from "express"
import { decideUpload, isInlineMime, UPLOAD_TYPES, UploadExtension } from "../../rules/upload-types"

type UploadedFile = { originalname: string; mimetype: string; buffer: Buffer }

/**
 * POST /admin/uploads, after core's multer: every file must prove an allowed type by its
 * content (rules/upload-types.ts); it is stored under a name with that type's extension
 * and mime type. For every caller, platform operators included: an HTML file served
 * from the admin's origin is a hazard whoever uploaded it.
 */
export async function checkUploadTypes(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  const files = ((req as unknown as { files?: UploadedFile[] }).files ?? []) as UploadedFile[]
  for (const file of files) {
    const decision = decideUpload(file.buffer, file.originalname)
    if (!decision.ok) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, decision.reason)
    }
    file.originalname = decision.filename
    file.mimetype = decision.mime
  }
  next()
}

/** The directory the local file provider writes to (medusa-config.ts reads the same). */
export const uploadDir = () => path.resolve(process.cwd(), process.env.VOLMIFY_UPLOAD_DIR || "uploads")

const MIME_BY_EXTENSION = UPLOAD_TYPES as Record<string, string>

/**
 * Serves uploaded files (GET /uploads/...) with express's static server, but never as a
 * page of this origin: the type comes from our own table (unknown extensions are
 * octet-stream), `nosniff`, a sandboxing CSP, and `attachment` unless image or video.
 */
export const serveUploads = () => {
  const serve = express.static(uploadDir(), {
    index: false,
    dotfiles: "deny",
    setHeaders: (res, file) => {
      const ext = path.extname(file).slice(1).toLowerCase() as UploadExtension
      const mime = MIME_BY_EXTENSION[ext] ?? "application/octet-stream"
      res.setHeader("Content-Type", mime)
      res.setHeader("X-Content-Type-Options", "nosniff")
      res.setHeader("Content-Security-Policy", "default-src 'none'; sandbox")
      res.setHeader("Cross-Origin-Resource-Policy", "same-site")
      if (!isInlineMime(mime)) {
        res.setHeader("Content-Disposition", `attachment; filename="${path.basename(file).replace(/"/g, "")}"`)
      }
    },
  })
  return (req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) => {
    // The matcher may or may not strip the mount path: serve by the path after /uploads.
    req.url = (req.originalUrl || req.url).replace(/^\/uploads(?=\/|$)/, "") || "/"
    serve(req, res, () =>
      next(new MedusaError(MedusaError.Types.NOT_FOUND, "File not found"))
    )
  }
}
