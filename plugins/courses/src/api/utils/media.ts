import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import { COURSE_MODULE } from "../../modules/course"
import type CourseModuleService from "../../modules/course/service"

/**
 * Checks the signature of a media request (403 when expired or altered) and returns the
 * lesson it is for. The signature covers the path and the expiry only.
 */
export async function verifiedMediaLesson(req: MedusaRequest) {
  const service = req.scope.resolve<CourseModuleService>(COURSE_MODULE)
  const path = (req.originalUrl || req.url).split("?")[0]
  const { expires, signature } = req.query as Record<string, string | undefined>
  const check = service.mediaSigner.verify(path, expires, signature)
  if (check !== "valid") {
    throw new MedusaError(
      MedusaError.Types.FORBIDDEN,
      check === "expired" ? "This media link has expired: reopen the lesson for a fresh one" : "This media link is not valid"
    )
  }
  const [lesson] = await service.listLessons({ id: req.params.id }, { take: 1 })
  if (!lesson) throw new MedusaError(MedusaError.Types.NOT_FOUND, "Media was not found")
  return lesson as any
}

/** Redirects to a file of Medusa's file module (its URL is only reached through a valid signature). */
export async function redirectToFile(req: MedusaRequest, res: MedusaResponse, fileId: string) {
  const file = await req.scope.resolve(Modules.FILE).retrieveFile(fileId)
  if (!file?.url) throw new MedusaError(MedusaError.Types.NOT_FOUND, "Media was not found")
  res.setHeader("Cache-Control", "private, no-store")
  res.redirect(302, file.url)
}
