import type { MedusaContainer } from "@medusajs/framework/types"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COURSE_MODULE } from "../../modules/course"
import type CourseModuleService from "../../modules/course/service"


/*
 * Record steps shared by the course workflows: one mutation each, compensated by
 * exactly its inverse (delete what was created, write back what was changed, restore
 * what was soft-deleted).
 */
type Entity =
  | "Courses"
  | "Lessons"
  | "Enrollments"
  | "LessonProgresses"
  | "QuizDefinitions"
  | "QuizAttempts"
  | "AssignmentSubmissions"
  | "Certificates"
  | "CertificateSettings"
  | "DripNotices"
  | "CourseInstructors"
type Row = { id: string } & Record<string, unknown>

/** The record of each entity, as its generated `list${entity}` method returns it. */
type RecordOf = { [E in Entity]: Awaited<ReturnType<CourseModuleService[`list${E}`]>>[number] }

/** The generated methods of one entity that these steps call. */
type RecordMethods<E extends Entity> = {
  create(data: Record<string, unknown>[]): Promise<RecordOf[E][]>
  list(filters: { id: string[] }, config: { select: string[] }): Promise<RecordOf[E][]>
  update(data: Row[]): Promise<RecordOf[E][]>
  delete(ids: string[]): Promise<unknown>
  softDelete(ids: string[]): Promise<unknown>
  restore(ids: string[]): Promise<unknown>
}

/**
 * The module's generated methods of `entity`, looked up by name (`create${entity}`, ...):
 * TypeScript cannot index the service by a name built at run time, so each is typed here
 * by what the generated method of that entity returns.
 */
function recordMethods<E extends Entity>(container: MedusaContainer, entity: E): RecordMethods<E> {
  const service = container.resolve<Record<string, (...args: unknown[]) => Promise<unknown>>>(COURSE_MODULE)
  const call =
    <R>(verb: string) =>
    (...args: unknown[]) =>
      service[`${verb}${entity}`](...args) as Promise<R>
  return {
    create: call<RecordOf[E][]>("create"),
    list: call<RecordOf[E][]>("list"),
    update: call<RecordOf[E][]>("update"),
    delete: call<unknown>("delete"),
    softDelete: call<unknown>("softDelete"),
    restore: call<unknown>("restore"),
  }
}

export function createRecordsStep<E extends Entity>(stepId: string, entity: E) {
  return createStep(
    stepId,
    async (data: Record<string, unknown>[], { container }) => {
      const created: RecordOf[E][] = data.length ? await recordMethods(container, entity).create(data) : []
      return new StepResponse(created, created.map((r) => r.id))
    },
    async (ids, { container }) => {
      if (!ids?.length) return
      await recordMethods(container, entity).delete(ids)
    }
  )
}

export function updateRecordsStep<E extends Entity>(stepId: string, entity: E) {
  return createStep(
    stepId,
    async (updates: Row[], { container }) => {
      if (!updates.length) return new StepResponse([] as RecordOf[E][], [] as RecordOf[E][])
      const fields = [...new Set(updates.flatMap((u) => Object.keys(u)))]
      const before = await recordMethods(container, entity).list({ id: updates.map((u) => u.id) }, { select: fields })
      const updated = await recordMethods(container, entity).update(updates)
      return new StepResponse(updated, before)
    },
    async (before, { container }) => {
      if (!before?.length) return
      await recordMethods(container, entity).update(before)
    }
  )
}

export function softDeleteRecordsStep<E extends Entity>(stepId: string, entity: E) {
  return createStep(
    stepId,
    async (ids: string[], { container }) => {
      if (ids.length) await recordMethods(container, entity).softDelete(ids)
      return new StepResponse(ids, ids)
    },
    async (ids, { container }) => {
      if (!ids?.length) return
      await recordMethods(container, entity).restore(ids)
    }
  )
}

export const createCoursesStep = createRecordsStep("create-courses", "Courses")
export const updateCoursesStep = updateRecordsStep("update-courses", "Courses")
export const softDeleteCoursesStep = softDeleteRecordsStep("soft-delete-courses", "Courses")
export const createLessonsStep = createRecordsStep("create-lessons", "Lessons")
export const updateLessonsStep = updateRecordsStep("update-lessons", "Lessons")
export const softDeleteLessonsStep = softDeleteRecordsStep("soft-delete-lessons", "Lessons")
export const createEnrollmentsStep = createRecordsStep("create-enrollments", "Enrollments")
export const updateEnrollmentsStep = updateRecordsStep("update-enrollments", "Enrollments")
export const createLessonProgressStep = createRecordsStep("create-lesson-progress", "LessonProgresses")
export const updateLessonProgressStep = updateRecordsStep("update-lesson-progress", "LessonProgresses")
export const createLessonQuizStep = createRecordsStep("create-lesson-quiz", "QuizDefinitions")
export const updateLessonQuizStep = updateRecordsStep("update-lesson-quiz", "QuizDefinitions")
export const createQuizAttemptsStep = createRecordsStep("create-quiz-attempts", "QuizAttempts")
export const updateQuizAttemptsStep = updateRecordsStep("update-quiz-attempts", "QuizAttempts")
export const createAssignmentSubmissionsStep = createRecordsStep("create-assignment-submissions", "AssignmentSubmissions")
export const updateAssignmentSubmissionsStep = updateRecordsStep("update-assignment-submissions", "AssignmentSubmissions")
export const createCertificatesStep = createRecordsStep("create-certificates", "Certificates")
export const updateCertificatesStep = updateRecordsStep("update-certificates", "Certificates")
export const createCertificateSettingsStep = createRecordsStep("create-certificate-settings", "CertificateSettings")
export const updateCertificateSettingsStep = updateRecordsStep("update-certificate-settings", "CertificateSettings")
export const createCourseInstructorsStep = createRecordsStep("create-course-instructors", "CourseInstructors")
export const updateCourseInstructorsStep = updateRecordsStep("update-course-instructors", "CourseInstructors")
