import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { deliverFile, verifiedMediaLesson } from "../../../../utils/media"

export const AUTHENTICATE = false

/**
 * GET /course-media/lessons/:id/video?expires=&signature=: the lesson's video behind a
 * short-lived signature: a private file (streamed with Range support, or a redirect to
 * the storage's own expiring URL), or a redirect to a plain video URL of another host.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const lesson = await verifiedMediaLesson(req)
  if (lesson.video_provider === "file" && lesson.video_source) {
    return deliverFile(req, res, lesson.video_source)
  }
  if (lesson.video_provider === "url" && lesson.video_source) {
    res.setHeader("Cache-Control", "private, no-store")
    return res.redirect(302, lesson.video_source)
  }
  throw new MedusaError(MedusaError.Types.NOT_FOUND, "This lesson has no video served by this route")
}
