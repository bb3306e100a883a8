import { MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { resolveStoreOrg } from "@volmify/orgs/tenancy"
import { translated } from "../../../../../../rules/translations"
import { readTranslations, storeLocale } from "../../../../../utils/course-translations"
import { courseService, findStoreCourse, gateLesson, sendGateRefusal } from "../../../../../utils/store-courses"

/**
 * GET /store/courses/:id_or_handle/lessons/:placement_id: the lesson with body and media
 * (signed, short-lived URLs) when the gate allows; 401/403 with the contract's codes.
 */
export async function GET(req: MedusaStoreRequest, res: MedusaResponse) {
  const locale = storeLocale(req, await resolveStoreOrg(req))
  const course = await findStoreCourse(req, req.params.id_or_handle, { placementId: req.params.placement_id })
  const { placement, lesson, access, decision, requiredTier, availableAt } = await gateLesson(req, course, req.params.placement_id)
  if (!decision.allowed) return sendGateRefusal(req, res, course, decision)
  // A lesson opened by an enrolled student: the inactivity automation's clock restarts.
  if (access.customerId && access.enrollment) await courseService(req).touchEnrollmentActivity(access.customerId, course.id)
  const { mediaSigner: signer, videoSigner } = courseService(req)
  const base = `/course-media/lessons/${lesson.id}`
  // Each host its own way (src/media/playback.ts); a host without configured keys gets no URL.
  const video =
    lesson.video_provider && lesson.video_source
      ? videoSigner.playback({ lesson_id: lesson.id, provider: lesson.video_provider, source: lesson.video_source }) ?? {
          provider: lesson.video_provider,
          url: null,
          embed_url: null,
          expires_at: null,
          protected: false,
        }
      : null
  const attachments = ((lesson.attachments ?? []) as { file_id: string; name: string; mime_type?: string }[]).map((a) => ({
    name: a.name,
    mime_type: a.mime_type ?? null,
    ...signer.sign(`${base}/attachments/${encodeURIComponent(a.file_id)}`),
  }))
  // The lesson's title and body in the request's locale, each falling back to the default.
  const text = locale
    ? translated({ title: lesson.title as string, body: (lesson.body ?? null) as string | null }, "lesson", lesson.id, ["title", "body"], await readTranslations(req, locale, [lesson.id]))
    : { title: lesson.title, body: lesson.body ?? null }
  if (locale) res.setHeader("content-language", locale)
  res.json({
    lesson: {
      id: placement.id,
      lesson_id: lesson.id,
      course_id: course.id,
      title: text.title,
      type: lesson.type,
      body: text.body,
      duration_seconds: lesson.duration_seconds ?? null,
      required_tier: requiredTier,
      is_preview: placement.is_preview,
      available_at: availableAt ? availableAt.toISOString() : null,
      video,
      attachments,
    },
  })
}
