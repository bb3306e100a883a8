import type { MedusaContainer } from "@medusajs/framework/types"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COURSE_MODULE } from "../../modules/course"


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

// Indexed by entity name, so typed loosely here; the exported steps fix the entity.
const svc = (container: MedusaContainer): Record<string, (...args: any[]) => Promise<any>> => container.resolve(COURSE_MODULE)

export function createRecordsStep(stepId: string, entity: Entity) {
  return createStep(
    stepId,
    async (data: Record<string, unknown>[], { container }) => {
      const created: Row[] = data.length ? await svc(container)[`create${entity}`](data) : []
      return new StepResponse(created, created.map((r) => r.id))
    },
    async (ids, { container }) => {
      if (!ids?.length) return
      await svc(container)[`delete${entity}`](ids)
    }
  )
}

export function updateRecordsStep(stepId: string, entity: Entity) {
  return createStep(
    stepId,
    async (updates: Row[], { container }) => {
      if (!updates.length) return new StepResponse([] as Row[], [] as Row[])
      const fields = [...new Set(updates.flatMap((u) => Object.keys(u)))]
      const before: Row[] = await svc(container)[`list${entity}`]({ id: updates.map((u) => u.id) }, { select: fields })
      const updated: Row[] = await svc(container)[`update${entity}`](updates)
      return new StepResponse(updated, before)
    },
    async (before, { container }) => {
      if (!before?.length) return
      await svc(container)[`update${entity}`](before)
    }
  )
}

export function softDeleteRecordsStep(stepId: string, entity: Entity) {
  return createStep(
    stepId,
    async (ids: string[], { container }) => {
      if (ids.length) await svc(container)[`softDelete${entity}`](ids)
      return new StepResponse(ids, ids)
    },
    async (ids, { container }) => {
      if (!ids?.length) return
      await svc(container)[`restore${entity}`](ids)
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
