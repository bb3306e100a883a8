import fs from "node:fs/promises"
import path from "node:path"
import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError, Modules } from "@medusajs/framework/utils"
import send from "send"
import { COURSE_MODULE } from "../../modules/course"
import type CourseModuleService from "../../modules/course/service"

const NO_CACHE = "private, no-store, no-transform"

const service = (req: MedusaRequest) => req.scope.resolve<CourseModuleService>(COURSE_MODULE)

/**
 * Checks the signature of a media request (403 when expired or altered) and returns the
 * lesson it is for. The signature covers the path and the expiry only.
 */
export async function verifiedMediaLesson(req: MedusaRequest) {
  const courses = service(req)
  const urlPath = (req.originalUrl || req.url).split("?")[0]
  const { expires, signature } = req.query as Record<string, string | undefined>
  const check = courses.mediaSigner.verify(urlPath, expires, signature)
  if (check !== "valid") {
    throw new MedusaError(
      MedusaError.Types.FORBIDDEN,
      check === "expired" ? "This media link has expired: reopen the lesson for a fresh one" : "This media link is not valid"
    )
  }
  const [lesson] = await courses.listLessons({ id: req.params.id }, { take: 1 })
  if (!lesson) throw new MedusaError(MedusaError.Types.NOT_FOUND, "Media was not found")
  return lesson
}

/** Keys the local file provider gives private files (`private-<time>-<name>`), nothing with a path in it. */
const isPrivateKey = (fileId: string) => /^private-[^/\\]+$/.test(fileId) && !fileId.includes("..")

/**
 * Hands out a private file of Medusa's file module behind a verified signature:
 * - `presigned` (S3): a redirect to the provider's own URL, which expires too
 *   (`download_file_duration` of the S3 provider, set to the media TTL in medusa-config.ts);
 * - `stream` (local provider): the bytes from the private directory no static server
 *   serves, with Range requests (206) so video seeks, via `send` (Express's file sender).
 * Files uploaded publicly (an old lesson's `/admin/uploads` file) are not served here.
 */
export async function deliverFile(req: MedusaRequest, res: MedusaResponse, fileId: string) {
  const courses = service(req)
  if (courses.media.delivery === "presigned") {
    const file = await req.scope.resolve(Modules.FILE).retrieveFile(fileId).catch(() => null)
    if (!file?.url) throw new MedusaError(MedusaError.Types.NOT_FOUND, "Media was not found")
    res.setHeader("Cache-Control", NO_CACHE)
    return res.redirect(302, file.url)
  }
  if (!isPrivateKey(fileId)) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, "Media was not found (lesson files must be uploaded privately)")
  }
  const root = courses.media.privateFilesDir
  const stat = await fs.stat(path.join(root, fileId)).catch(() => null)
  if (!stat?.isFile()) throw new MedusaError(MedusaError.Types.NOT_FOUND, "Media was not found")
  await new Promise<void>((resolve, reject) => {
    const stream = send(req, `/${encodeURIComponent(fileId)}`, {
      root,
      index: false,
      dotfiles: "deny",
      cacheControl: false,
      acceptRanges: true,
    })
    stream.on("headers", (response: MedusaResponse) => response.setHeader("Cache-Control", NO_CACHE))
    stream.on("error", (error: { status?: number; message?: string; headers?: Record<string, string> }) => {
      // Range and precondition answers carry no body of ours (416 says the file's length).
      if (error.status === 416 || error.status === 412) {
        res.status(error.status)
        for (const [name, value] of Object.entries(error.headers ?? {})) res.setHeader(name, value)
        res.setHeader("Cache-Control", NO_CACHE)
        res.end()
        return resolve()
      }
      reject(
        error.status === 404
          ? new MedusaError(MedusaError.Types.NOT_FOUND, "Media was not found")
          : new MedusaError(MedusaError.Types.UNEXPECTED_STATE, error.message ?? "Media could not be read")
      )
    })
    res.on("finish", () => resolve())
    res.on("close", () => resolve())
    stream.pipe(res)
  })
}
