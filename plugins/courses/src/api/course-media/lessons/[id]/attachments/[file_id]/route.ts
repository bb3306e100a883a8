import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { deliverFile, verifiedMediaLesson } from "../../../../../utils/media"

export const AUTHENTICATE = false

/** GET /course-media/lessons/:id/attachments/:file_id?expires=&signature=: a signed download of a private file. */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const lesson = await verifiedMediaLesson(req)
  const attached = ((lesson.attachments ?? []) as { file_id: string }[]).some((a) => a.file_id === req.params.file_id)
  if (!attached) throw new MedusaError(MedusaError.Types.NOT_FOUND, "Media was not found")
  return deliverFile(req, res, req.params.file_id)
}
