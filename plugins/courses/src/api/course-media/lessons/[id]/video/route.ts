import { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { redirectToFile, verifiedMediaLesson } from "../../../../utils/media"

export const AUTHENTICATE = false

/** GET /course-media/lessons/:id/video?expires=&signature=: a signed, short-lived redirect to the video. */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const lesson = await verifiedMediaLesson(req)
  if (lesson.video_provider === "url" && lesson.video_source) {
    res.setHeader("Cache-Control", "private, no-store")
    return res.redirect(302, lesson.video_source)
  }
  if (lesson.video_provider === "file" && lesson.video_source) {
    return redirectToFile(req, res, lesson.video_source)
  }
  throw new MedusaError(MedusaError.Types.NOT_FOUND, "This lesson has no video served by this route")
}
