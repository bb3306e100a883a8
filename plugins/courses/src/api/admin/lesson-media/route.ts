import { randomBytes } from "node:crypto"
import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { Modules } from "@medusajs/framework/utils"
import { adminOrgScope, CATALOG_ROLES } from "../../utils/tenancy"
import type { AdminUploadLessonFile } from "../../validators"

/**
 * POST /admin/lesson-media { name, mime_type, content_base64 } -> { file: { file_id, name,
 * mime_type } }: a lesson video or attachment stored by Medusa's file module as a private
 * file (no public URL; students get it only through a signed /course-media link). A random
 * part in the name keeps the stored key unguessable. Catalog roles and platform operators.
 */
export async function POST(req: AuthenticatedMedusaRequest<AdminUploadLessonFile>, res: MedusaResponse) {
  await adminOrgScope(req, CATALOG_ROLES)
  const { name, mime_type, content_base64 } = req.validatedBody
  const [stored] = await req.scope.resolve(Modules.FILE).createFiles([
    { filename: `${randomBytes(16).toString("hex")}-${name}`, mimeType: mime_type, content: content_base64, access: "private" },
  ])
  res.status(201).json({ file: { file_id: stored.id, name, mime_type } })
}
