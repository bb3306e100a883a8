import { emitEventStep } from "@medusajs/medusa/core-flows"
import { MedusaError } from "@medusajs/framework/utils"
import { createStep, createWorkflow, StepResponse, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { CourseEvents } from "../events"
import { COURSE_MODULE } from "../modules/course"
import type CourseModuleService from "../modules/course/service"
import { createLessonsStep, softDeleteLessonsStep, updateLessonsStep } from "./steps/records"

export type LessonFields = {
  title?: string
  type?: "video" | "text" | "download" | "quiz" | "assignment"
  body?: string | null
  video_provider?: "url" | "file" | "mux" | "cloudflare" | null
  video_source?: string | null
  duration_seconds?: number | null
  attachments?: { file_id: string; name: string; mime_type?: string }[] | null
}

const courses = (container: any) => container.resolve(COURSE_MODULE) as CourseModuleService

export type LessonUse = { placement_id: string; course_id: string; course_title: string; module_title: string; section_title: string }

/** Where lessons are placed: course > module > section, per lesson id (three queries). */
export async function lessonUsage(service: CourseModuleService, lessonIds: string[]): Promise<Map<string, LessonUse[]>> {
  const usage = new Map<string, LessonUse[]>(lessonIds.map((id) => [id, []]))
  if (!lessonIds.length) return usage
  const placements = await service.listSectionLessons({ lesson_id: lessonIds }, { select: ["id", "lesson_id", "course_id", "section_id"] })
  if (!placements.length) return usage
  const [sections, list] = await Promise.all([
    service.listCourseSections({ id: [...new Set(placements.map((p: any) => p.section_id))] }, { select: ["id", "title", "module_id"], relations: ["module"] }),
    service.listCourses({ id: [...new Set(placements.map((p) => p.course_id))] }, { select: ["id", "title"] }),
  ])
  const sectionById = new Map(sections.map((s: any) => [s.id, s]))
  const courseById = new Map(list.map((c) => [c.id, c]))
  for (const p of placements as any[]) {
    const section: any = sectionById.get(p.section_id)
    usage.get(p.lesson_id)!.push({
      placement_id: p.id,
      course_id: p.course_id,
      course_title: courseById.get(p.course_id)?.title ?? "",
      module_title: section?.module?.title ?? "",
      section_title: section?.title ?? "",
    })
  }
  return usage
}

export const createLessonWorkflow = createWorkflow("create-lesson", (input: LessonFields & { org_id: string; title: string }) => {
  const created = createLessonsStep(transform({ input }, ({ input }) => [input]))
  const lesson = transform({ created }, ({ created }) => created[0])
  emitEventStep({ eventName: CourseEvents.LESSON_CREATED, data: transform({ lesson }, ({ lesson }) => ({ id: lesson.id })) })
  return new WorkflowResponse(lesson)
})

/** Edits a library lesson: every course it is placed in shows the change. */
export const updateLessonWorkflow = createWorkflow("update-lesson", (input: LessonFields & { id: string }) => {
  const updated = updateLessonsStep(transform({ input }, ({ input }) => [input]))
  const lesson = transform({ updated }, ({ updated }) => updated[0])
  emitEventStep({ eventName: CourseEvents.LESSON_UPDATED, data: transform({ lesson }, ({ lesson }) => ({ id: lesson.id })) })
  return new WorkflowResponse(lesson)
})

/** A placed lesson cannot be deleted: 400 listing every place it is used in. */
export const assertLessonUnusedStep = createStep("assert-lesson-unused", async ({ id }: { id: string }, { container }) => {
  const service = courses(container)
  const [lesson] = await service.listLessons({ id }, { take: 1, select: ["id", "title"] })
  if (!lesson) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Lesson "${id}" was not found`)
  const uses = (await lessonUsage(service, [id])).get(id)!
  if (uses.length) {
    const where = uses.map((u) => `${u.course_title} > ${u.module_title} > ${u.section_title}`).join("; ")
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `Lesson "${lesson.title}" is used in ${uses.length} place(s) and cannot be deleted: ${where}. Remove it from those sections first.`
    )
  }
  return new StepResponse(true)
})

export const deleteLessonWorkflow = createWorkflow("delete-lesson", (input: { id: string }) => {
  assertLessonUnusedStep(input)
  softDeleteLessonsStep(transform({ input }, ({ input }) => [input.id]))
  emitEventStep({ eventName: CourseEvents.LESSON_DELETED, data: transform({ input }, ({ input }) => ({ id: input.id })) })
  return new WorkflowResponse(transform({ input }, ({ input }) => input.id))
})
