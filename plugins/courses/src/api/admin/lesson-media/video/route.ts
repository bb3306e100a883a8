import { randomBytes } from "node:crypto"
import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { checkLessonVideo } from "../../../../rules/video-file"
import { lessonVideoMaxBytes } from "../../../utils/video-upload"
import { adminOrgScope, CATALOG_ROLES } from "../../../utils/tenancy"

/**
 * POST /admin/lesson-media/video (multipart, one `file` field): a lesson video (MP4, MOV or
 * WebM, checked by type, extension and first bytes; at most VOLMIFY_LESSON_VIDEO_MAX_MB)
 * stored by Medusa's file module as a private file; 201 `{ file: { file_id, name,
 * mime_type, size } }`. Set it on a lesson as `video_provider: "file"`, `video_source: file_id`;
 * students get it only through a signed /course-media link. Catalog roles and operators.
 */
export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  await adminOrgScope(req, CATALOG_ROLES)
  // Set by the multer middleware (utils/video-upload.ts).
  const file = (req as AuthenticatedMedusaRequest & { file?: { originalname: string; mimetype: string; size: number; buffer: Buffer } }).file
  if (!file) throw new MedusaError(MedusaError.Types.INVALID_DATA, "file is required (multipart form field `file`)")
  const name = file.originalname.replace(/[/\\]/g, "_").slice(-200)
  const check = checkLessonVideo({ name, mime_type: file.mimetype, size: file.size, head: file.buffer.subarray(0, 16) }, lessonVideoMaxBytes())
  if (!check.ok) throw new MedusaError(MedusaError.Types.INVALID_DATA, check.message)
  const [stored] = await req.scope.resolve(Modules.FILE).createFiles([
    { filename: `${randomBytes(16).toString("hex")}-${name}`, mimeType: check.mime_type, content: file.buffer.toString("base64"), access: "private" },
  ])
  res.status(201).json({ file: { file_id: stored.id, name, mime_type: check.mime_type, size: file.size } })
}
