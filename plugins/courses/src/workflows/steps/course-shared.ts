import type { CourseSeoInput } from "../../rules/course-seo"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { transform, type WorkflowData } from "@medusajs/framework/workflows-sdk"

export type CourseFields = {
  handle?: string
  title?: string
  subtitle?: string | null
  description?: string | null
  level?: "beginner" | "intermediate" | "advanced" | null
  difficulty?: number
  language?: string | null
  thumbnail?: string | null
  estimated_minutes?: number | null
  certificates_enabled?: boolean
  lead_magnet?: boolean
  /** Employee ids of the org's staff; a profile is created for each who has none. */
  instructor_ids?: string[] | null
  tier_details?: { tier: number; name?: string | null; includes?: string[] }[] | null
  faq?: { question: string; answer: string }[] | null
  /** Replaced whole (null clears it); see rules/course-seo.ts for the defaults. */
  seo?: CourseSeoInput | null
}

export const idEvent = (eventName: string, course: WorkflowData<{ id: string }>) =>
  emitEventStep({ eventName, data: transform({ course }, ({ course }) => ({ id: course.id })) })
