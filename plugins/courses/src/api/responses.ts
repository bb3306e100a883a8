import { z } from "@medusajs/framework/zod"

/**
 * Response bodies of the store routes of this plugin, for the OpenAPI document (the host
 * app's src/openapi) and the typed client. Loose objects: a new field is not a breaking
 * change, a missing or mistyped one is (the openapi http spec checks real answers).
 */
const id = z.string()
const date = z.string().describe("ISO 8601 date-time")
const nDate = date.nullable()

export const LockReasonSchema = z.enum(["auth", "tier", "drip"]).nullable()

export const StoreOutlineLessonSchema = z.looseObject({
  id: id.describe("the placement id (lessons are addressed by placement in a course)"),
  title: z.string(),
  type: z.string().optional(),
  duration_seconds: z.number().int().nullable().optional(),
  is_preview: z.boolean().optional(),
  required_tier: z.number().int(),
  locked: z.boolean(),
  lock_reason: LockReasonSchema,
  available_at: nDate,
  completed: z.boolean(),
})
const outlineSection = z.looseObject({ id, title: z.string(), lessons: z.array(StoreOutlineLessonSchema) })
const outlineModule = z.looseObject({ id, title: z.string(), sections: z.array(outlineSection) })

export const StoreTierSchema = z.looseObject({
  tier: z.number().int(),
  name: z.string().nullable().optional(),
  includes: z.array(z.string()).optional(),
  variants: z.array(z.looseObject({ id, title: z.string().nullable() })),
})
export const StoreInstructorSchema = z.looseObject({
  id,
  name: z.string(),
  headline: z.string().nullable().optional(),
  bio: z.string().nullable().optional(),
  photo_url: z.string().nullable().optional(),
})

const courseSummaryFields = {
  id,
  handle: z.string(),
  title: z.string(),
  subtitle: z.string().nullable().optional(),
  description: z.string().nullable().optional(),
  level: z.string().nullable().optional(),
  thumbnail: z.string().nullable().optional(),
  product_id: z.string().optional(),
  /** Resolved: what the merchant set, else derived from the course's content. */
  seo: z
    .object({
      title: z.string(),
      description: z.string().nullable(),
      image_url: z.string().nullable(),
      canonical_url: z.string().nullable(),
      noindex: z.boolean(),
    })
    .optional(),
  updated_at: z.union([z.string(), z.date()]).optional(),
}
export const StoreCourseSummarySchema = z.looseObject(courseSummaryFields)
export const StoreCourseListResponseSchema = z.object({
  courses: z.array(StoreCourseSummarySchema),
  count: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
})

export const StoreCourseSchema = z.looseObject({
  ...courseSummaryFields,
  tiers: z.array(StoreTierSchema),
  lead_magnet: z.boolean().optional(),
  access: z.looseObject({ tier: z.number().int(), enrolled: z.boolean(), progress_percent: z.number() }),
  modules: z.array(outlineModule),
  instructors: z.array(StoreInstructorSchema).optional(),
  faq: z.array(z.object({ question: z.string(), answer: z.string() })).nullable().optional(),
})
export const StoreCourseResponseSchema = z.object({ course: StoreCourseSchema })

export const StoreLessonResponseSchema = z.object({
  lesson: z.looseObject({
    id: id.describe("the placement id"),
    lesson_id: id,
    course_id: id,
    title: z.string(),
    type: z.string(),
    body: z.string().nullable(),
    duration_seconds: z.number().int().nullable(),
    required_tier: z.number().int(),
    is_preview: z.boolean(),
    available_at: nDate,
    video: z
      .looseObject({
        provider: z.string(),
        url: z.string().nullable(),
        embed_url: z.string().nullable().optional(),
        expires_at: nDate,
        protected: z.boolean().optional(),
      })
      .nullable(),
    attachments: z.array(z.looseObject({ name: z.string(), url: z.string(), mime_type: z.string().nullable().optional() })),
  }),
})

export const StoreProgressResponseSchema = z.looseObject({
  progress: z.looseObject({ status: z.string() }).optional(),
  course_progress_percent: z.number().optional(),
})

export const StoreEnrollmentSchema = z.looseObject({
  id,
  course_id: id,
  status: z.string(),
  tier: z.number().int().nullable().optional(),
  progress_percent: z.number().nullable().optional(),
  started_at: nDate.optional(),
  completed_at: nDate.optional(),
  course: z.looseObject({ id, handle: z.string(), title: z.string() }),
})
export const StoreEnrollmentListResponseSchema = z.object({ enrollments: z.array(StoreEnrollmentSchema) })
export const StoreFreeEnrollmentResponseSchema = z.object({
  enrollment: z.looseObject({ status: z.string().describe("enrolled, or already_enrolled / email_sent style outcomes") }),
})

const publicQuestion = z.looseObject({
  id: z.string(),
  type: z.string(),
  prompt: z.string(),
  points: z.number().int(),
})
export const StoreQuizAttemptSchema = z.looseObject({
  id,
  number: z.number().int(),
  status: z.string(),
  started_at: date,
  deadline_at: nDate,
  submitted_at: nDate,
  passing_score: z.number(),
  max_points: z.number(),
  score_points: z.number().nullable(),
  score_percent: z.number().nullable(),
  passed: z.boolean().nullable(),
  questions: z.array(publicQuestion),
})
export const StoreQuizResponseSchema = z.object({
  quiz: z
    .looseObject({
      passing_score: z.number(),
      time_limit_seconds: z.number().int().nullable(),
      attempts_limit: z.number().int().nullable(),
      attempts_used: z.number().int(),
      shuffle: z.boolean(),
      show_explanations: z.boolean(),
      required: z.boolean(),
      question_count: z.number().int(),
      max_points: z.number(),
      passed: z.boolean(),
    })
    .nullable(),
  attempts: z.array(z.looseObject({ id, status: z.string(), score_points: z.number().nullable(), score_percent: z.number().nullable() })),
})
export const StoreQuizAttemptResponseSchema = z.object({ attempt: StoreQuizAttemptSchema })
export const StoreStartQuizAttemptResponseSchema = z.object({ attempt: StoreQuizAttemptSchema, resumed: z.boolean() })
export const StoreSubmitQuizResponseSchema = z.object({ attempt: StoreQuizAttemptSchema, course_progress_percent: z.number().nullable().optional() })

export const StoreSubmissionSchema = z.looseObject({
  id,
  status: z.enum(["submitted", "passed", "failed"]),
  text: z.string().nullable(),
  file: z.object({ name: z.string(), mime_type: z.string().nullable() }).nullable(),
  feedback: z.string().nullable(),
  reviewed_at: nDate,
  created_at: date,
})
export const StoreAssignmentResponseSchema = z.object({
  submissions: z.array(StoreSubmissionSchema),
  passed: z.boolean(),
  pending: z.boolean(),
})
export const StoreSubmissionResponseSchema = z.object({ submission: StoreSubmissionSchema })

export const StoreCertificateSchema = z.looseObject({
  id,
  code: z.string(),
  course_id: id,
  course_title: z.string(),
  student_name: z.string(),
  org_name: z.string(),
  issued_at: date,
  pdf_path: z.string(),
})
export const StoreCertificateListResponseSchema = z.object({ certificates: z.array(StoreCertificateSchema) })
export const StoreCertificateVerifyResponseSchema = z.object({
  certificate: z.looseObject({
    valid: z.boolean(),
    revoked_at: nDate,
    code: z.string(),
    student_name: z.string(),
    course_title: z.string(),
    org_name: z.string(),
    issued_at: date,
  }),
})

/** The lesson gate's refusals (rules/lesson-gate.ts, utils/store-courses.ts sendGateRefusal). */
export const AuthRequiredErrorSchema = z.object({
  type: z.literal("unauthorized"),
  code: z.literal("auth_required"),
  message: z.string(),
})
export const TierRequiredErrorSchema = z.object({
  type: z.literal("forbidden"),
  code: z.literal("tier_required"),
  message: z.string(),
  required_tier: z.number().int(),
  current_tier: z.number().int(),
  unlock_variant_ids: z.array(z.string()).describe("variants of the course's product that open this lesson"),
})
export const DripLockedErrorSchema = z.object({
  type: z.literal("forbidden"),
  code: z.literal("drip_locked"),
  message: z.string(),
  available_at: date,
})
