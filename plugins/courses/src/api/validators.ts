import { z } from "@medusajs/framework/zod"
import { longText, text } from "@volmify/orgs/validation"

const tier = (name = "required_tier") => z.number({ error: `${name} must be a number` }).int(`${name} must be an integer`).min(1, `${name} must be at least 1`)
const dripDays = z.number().int("drip_days must be an integer").min(0, "drip_days must be 0 or more").nullable().optional()
const dripDate = z.coerce.date({ error: "drip_date must be a date" }).nullable().optional()
const handle = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "handle must be lowercase letters, digits and single dashes")
const title = text().trim().min(1, "title must not be empty").max(300)

/** "What you get" per tier: the merchant's name for it and bullet lines. */
const tierDetail = z
  .object({
    tier: tier("tier_details[].tier"),
    name: text().trim().max(80, "tier name must be at most 80 characters").nullable().optional(),
    includes: z.array(text().trim().min(1, "an includes line must not be empty").max(200, "an includes line must be at most 200 characters")).max(20, "at most 20 includes lines per tier").optional(),
  })
  .strict()
const faqItem = z
  .object({
    question: text().trim().min(1, "faq question must not be empty").max(300, "faq question must be at most 300 characters"),
    answer: longText().trim().min(1, "faq answer must not be empty").max(5000, "faq answer must be at most 5000 characters"),
  })
  .strict()

const httpUrl = (name: string) =>
  text()
    .url(`${name} must be a URL`)
    .max(2000, `${name} must be at most 2000 characters`)
    .refine((u) => /^https?:\/\//i.test(u), `${name} must be an http(s) URL`)

/**
 * Search and social metadata (issue 26), the same shape as the sales pages' `pageSeoSchema`:
 * every field optional, null clears it, defaults come from the content (rules/course-seo.ts).
 */
export const seoSchema = z
  .object({
    title: text().max(70, "seo.title must be at most 70 characters").nullable().optional(),
    description: text().max(320, "seo.description must be at most 320 characters").nullable().optional(),
    image_url: httpUrl("seo.image_url").nullable().optional(),
    canonical_url: httpUrl("seo.canonical_url").nullable().optional(),
    noindex: z.boolean({ error: "seo.noindex must be true or false" }).optional(),
  })
  .strict()
export type SeoInput = z.infer<typeof seoSchema>

const courseFields = {
  handle,
  title,
  subtitle: text().max(500).nullable().optional(),
  description: longText().max(20_000).nullable().optional(),
  level: z.enum(["beginner", "intermediate", "advanced"], { error: "level must be beginner, intermediate or advanced" }).nullable().optional(),
  difficulty: z.number().int("difficulty must be an integer").min(1, "difficulty must be 1-10").max(10, "difficulty must be 1-10").optional(),
  language: text()
    .trim()
    .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "language must be a language code such as en or pt-BR")
    .max(35)
    .nullable()
    .optional(),
  thumbnail: text()
    .url("thumbnail must be a URL")
    .max(2000)
    .refine((u) => /^https?:\/\//i.test(u), "thumbnail must be an http(s) URL")
    .nullable()
    .optional(),
  estimated_minutes: z.number().int("estimated_minutes must be an integer").min(0).nullable().optional(),
  certificates_enabled: z.boolean({ error: "certificates_enabled must be true or false" }).optional(),
  lead_magnet: z.boolean({ error: "lead_magnet must be true or false" }).optional(),
  instructor_ids: z
    .array(text().trim().min(1))
    .max(10, "at most 10 instructors")
    .refine((ids) => new Set(ids).size === ids.length, "instructor_ids must not repeat an employee")
    .nullable()
    .optional(),
  tier_details: z
    .array(tierDetail)
    .max(20, "at most 20 tiers")
    .refine((rows) => new Set(rows.map((r) => r.tier)).size === rows.length, "tier_details must not repeat a tier")
    .nullable()
    .optional(),
  faq: z.array(faqItem).max(50, "at most 50 FAQ entries").nullable().optional(),
  seo: seoSchema.nullable().optional(),
}

// Instructors are named on an existing course (POST /admin/courses/:id), where their org is checked.
const { instructor_ids: _instructors, ...createFields } = courseFields
export const AdminCreateCourseSchema = z.object({ product_id: text().min(1), ...createFields }).strict()
export type AdminCreateCourse = z.infer<typeof AdminCreateCourseSchema>

export const AdminUpdateCourseSchema = z
  .object(Object.fromEntries(Object.entries(courseFields).map(([k, v]) => [k, (v as z.ZodTypeAny).optional()])) as {
    [K in keyof typeof courseFields]: z.ZodOptional<(typeof courseFields)[K]>
  })
  .strict()
export type AdminUpdateCourse = z.infer<typeof AdminUpdateCourseSchema>

export const AdminListQuerySchema = z
  .object({
    q: text().optional(),
    status: z.enum(["draft", "published", "archived"]).optional(),
    org_id: text().optional(),
    product_id: text().optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict()
export type AdminListQuery = z.infer<typeof AdminListQuerySchema>

export const AdminUnpublishCourseSchema = z.object({ status: z.enum(["draft", "archived"]).optional() }).strict()

const placement = z
  .object({
    id: text().min(1).optional(),
    lesson_id: text().min(1, "lesson_id is required"),
    required_tier: tier().optional(),
    is_preview: z.boolean().optional(),
    drip_days: dripDays,
    drip_date: dripDate,
  })
  .strict()
const section = z
  .object({
    id: text().min(1).optional(),
    title,
    required_tier: tier().optional(),
    drip_days: dripDays,
    drip_date: dripDate,
    lessons: z.array(placement).max(1000).optional(),
  })
  .strict()
const outlineModule = z
  .object({
    id: text().min(1).optional(),
    title,
    required_tier: tier().optional(),
    drip_days: dripDays,
    drip_date: dripDate,
    sections: z.array(section).max(200).optional(),
  })
  .strict()
export const AdminOutlineSchema = z
  .object({
    modules: z.array(outlineModule).max(200),
    remove: z
      .object({ modules: z.array(text()).optional(), sections: z.array(text()).optional(), lessons: z.array(text()).optional() })
      .strict()
      .optional(),
  })
  .strict()
export type AdminOutline = z.infer<typeof AdminOutlineSchema>

const lessonFields = {
  title,
  type: z.enum(["video", "text", "download", "quiz", "assignment"]).optional(),
  body: longText().max(200_000).nullable().optional(),
  video_provider: z.enum(["url", "file", "mux", "cloudflare"]).nullable().optional(),
  video_source: text().max(2000).nullable().optional(),
  duration_seconds: z.number().int("duration_seconds must be an integer").min(0).nullable().optional(),
  attachments: z
    .array(z.object({ file_id: text().min(1), name: text().min(1).max(300), mime_type: text().max(200).optional() }).strict())
    .max(50)
    .nullable()
    .optional(),
}
const videoNeedsSource = (l: { video_provider?: string | null; video_source?: string | null }) =>
  !l.video_provider || !!l.video_source
const urlIsHttp = (l: { video_provider?: string | null; video_source?: string | null }) =>
  l.video_provider !== "url" || !l.video_source || /^https?:\/\//.test(l.video_source)

/** Lesson files are at most 50 MB through this JSON route (longer videos: Mux or Cloudflare Stream). */
export const LESSON_FILE_MAX_BYTES = 50 * 1024 * 1024

export const AdminUploadLessonFileSchema = z
  .object({
    name: z.string().trim().min(1, "name is required").max(200).regex(/^[^/\\]+$/, "name must not contain slashes"),
    mime_type: z.string().trim().regex(/^[a-z0-9][a-z0-9.+-]*\/[a-z0-9][a-z0-9.+-]*$/i, "mime_type must look like type/subtype").max(100),
    content_base64: z
      .string()
      .min(1, "content_base64 is required")
      .max(Math.ceil(LESSON_FILE_MAX_BYTES / 3) * 4, "the file must be at most 50 MB")
      .regex(/^[A-Za-z0-9+/]+={0,2}$/, "content_base64 must be base64"),
  })
  .strict()
export type AdminUploadLessonFile = z.infer<typeof AdminUploadLessonFileSchema>

export const AdminCreateLessonSchema = z
  .object({ org_id: text().optional(), ...lessonFields })
  .strict()
  .refine(videoNeedsSource, { message: "video_source is required with a video_provider", path: ["video_source"] })
  .refine(urlIsHttp, { message: "video_source must be an http(s) URL for provider url", path: ["video_source"] })
export type AdminCreateLesson = z.infer<typeof AdminCreateLessonSchema>

export const AdminUpdateLessonSchema = z
  .object({ ...lessonFields, title: title.optional() })
  .strict()
  .refine(urlIsHttp, { message: "video_source must be an http(s) URL for provider url", path: ["video_source"] })
export type AdminUpdateLesson = z.infer<typeof AdminUpdateLessonSchema>

export const StoreListCoursesSchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(20),
    offset: z.coerce.number().int().min(0).default(0),
    /** The cards' texts in this enabled locale (the route checks it against the org's). */
    locale: text().max(35).optional(),
  })
  .strict()
export type StoreListCourses = z.infer<typeof StoreListCoursesSchema>

export const StoreProgressSchema = z
  .object({
    status: z.enum(["in_progress", "completed"]),
    position_seconds: z.number().int("position_seconds must be an integer").min(0, "position_seconds must be 0 or more").optional(),
  })
  .strict()
export type StoreProgress = z.infer<typeof StoreProgressSchema>

export const StoreFreeEnrollmentSchema = z
  .object({
    region_id: text().min(1, "region_id is required").max(200),
    email: text().max(254, "email must be at most 254 characters").email("email must be a valid email address").optional(),
  })
  .strict()
export type StoreFreeEnrollment = z.infer<typeof StoreFreeEnrollmentSchema>

const quizAnswer = z
  .object({
    question_id: text().min(1, "answers[].question_id is required").max(100),
    option_ids: z.array(text().max(100)).max(50).optional(),
    text: text().max(2000, "answers[].text must be at most 2000 characters").optional(),
  })
  .strict()
export const StoreSubmitQuizSchema = z.object({ answers: z.array(quizAnswer).max(500) }).strict()
export type StoreSubmitQuiz = z.infer<typeof StoreSubmitQuizSchema>

/** Files students may hand in (5 MB at most, sent base64 in the JSON body). */
export const SUBMISSION_MIME_TYPES = [
  "application/pdf",
  "text/plain",
  "text/markdown",
  "image/png",
  "image/jpeg",
  "application/zip",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
] as const
export const SUBMISSION_MAX_BYTES = 5 * 1024 * 1024
export const StoreSubmitAssignmentSchema = z
  .object({
    text: longText().trim().max(50_000, "text must be at most 50000 characters").optional(),
    file: z
      .object({
        name: text().trim().min(1, "file.name is required").max(200).regex(/^[^/\\]+$/, "file.name must not contain slashes"),
        mime_type: z.enum([...SUBMISSION_MIME_TYPES], { error: `file.mime_type must be one of ${SUBMISSION_MIME_TYPES.join(", ")}` }),
        content_base64: z
          .string()
          .min(1, "file.content_base64 is required")
          .max(Math.ceil(SUBMISSION_MAX_BYTES / 3) * 4, "file must be at most 5 MB")
          .regex(/^[A-Za-z0-9+/]+={0,2}$/, "file.content_base64 must be base64"),
      })
      .strict()
      .optional(),
  })
  .strict()
  .refine((b) => !!b.text || !!b.file, { message: "text or file is required", path: ["text"] })
export type StoreSubmitAssignment = z.infer<typeof StoreSubmitAssignmentSchema>

const questionSchema = z
  .object({
    id: text().trim().min(1, "questions[].id is required").max(100),
    type: z.enum(["single_choice", "multiple_choice", "true_false", "short_answer"]),
    prompt: text().trim().min(1, "questions[].prompt must not be empty").max(5000),
    points: z.number().int("questions[].points must be an integer").min(1, "questions[].points must be at least 1").max(1000),
    options: z.array(z.object({ id: text().trim().min(1).max(100), text: text().trim().min(1, "options[].text must not be empty").max(1000) }).strict()).max(20).optional(),
    correct_option_ids: z.array(text().max(100)).max(20).optional(),
    accepted_answers: z.array(text().max(500)).max(50).optional(),
    match: z.enum(["exact", "case_insensitive"]).optional(),
    explanation: text().max(5000).nullable().optional(),
  })
  .strict()
export const AdminSaveQuizSchema = z
  .object({
    passing_score: z.number().int("passing_score must be an integer").min(0, "passing_score must be 0-100").max(100, "passing_score must be 0-100").optional(),
    time_limit_seconds: z.number().int("time_limit_seconds must be an integer").min(10, "time_limit_seconds must be at least 10").max(86_400).nullable().optional(),
    attempts_limit: z.number().int("attempts_limit must be an integer").min(1, "attempts_limit must be at least 1").max(100).nullable().optional(),
    shuffle: z.boolean().optional(),
    show_explanations: z.boolean().optional(),
    required: z.boolean().optional(),
    questions: z.array(questionSchema).min(1, "questions needs at least one question").max(200),
  })
  .strict()
export type AdminSaveQuiz = z.infer<typeof AdminSaveQuizSchema>

export const AdminListSubmissionsSchema = z
  .object({
    status: z.enum(["submitted", "passed", "failed"]).optional(),
    org_id: text().optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict()
export type AdminListSubmissions = z.infer<typeof AdminListSubmissionsSchema>

export const AdminReviewSubmissionSchema = z
  .object({
    status: z.enum(["passed", "failed"], { error: "status must be passed or failed" }),
    feedback: longText().trim().max(20_000).nullable().optional(),
  })
  .strict()
export type AdminReviewSubmission = z.infer<typeof AdminReviewSubmissionSchema>

const hexColor = text().regex(/^#[0-9a-fA-F]{6}$/, "accent_color must be a #rrggbb colour")
export const AdminCertificateSettingsSchema = z
  .object({
    org_id: text().optional(),
    title: text().trim().min(1, "title must not be empty").max(120).optional(),
    body_text: text().trim().min(1, "body_text must not be empty").max(300).optional(),
    signatory_name: text().trim().max(120).nullable().optional(),
    signatory_title: text().trim().max(120).nullable().optional(),
    accent_color: hexColor.nullable().optional(),
  })
  .strict()
export type AdminCertificateSettings = z.infer<typeof AdminCertificateSettingsSchema>
export const AdminOrgQuerySchema = z.object({ org_id: text().optional() }).strict()
export type AdminOrgQuery = z.infer<typeof AdminOrgQuerySchema>

const booleanQuery = (name: string) =>
  z.enum(["true", "false"], { error: `${name} must be true or false` }).transform((v) => v === "true")

/** Filters of a course's student list and of its CSV export. */
const studentFilters = {
  q: text().trim().max(200).optional(),
  tier: z.coerce.number({ error: "tier must be a number" }).int("tier must be an integer").min(0, "tier must be 0 (no access) or more").optional(),
  completed: booleanQuery("completed").optional(),
}
export const AdminCourseStudentsSchema = z
  .object({
    ...studentFilters,
    limit: z.coerce.number().int().min(1).max(100).default(20),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict()
export type AdminCourseStudents = z.infer<typeof AdminCourseStudentsSchema>
export const AdminCourseStudentsExportSchema = z.object(studentFilters).strict()
export type AdminCourseStudentsExport = z.infer<typeof AdminCourseStudentsExportSchema>

/** Issued certificates of the org (operators: `org_id`), optionally of one course. */
export const AdminListCertificatesSchema = z
  .object({
    course_id: text().optional(),
    q: text().trim().max(200).optional(),
    status: z.enum(["issued", "revoked"], { error: "status must be issued or revoked" }).optional(),
    org_id: text().optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict()
export type AdminListCertificates = z.infer<typeof AdminListCertificatesSchema>

export const AdminRevokeCertificateSchema = z
  .object({ reason: text().trim().min(1, "reason is required").max(1000) })
  .strict()
export type AdminRevokeCertificate = z.infer<typeof AdminRevokeCertificateSchema>

/** An instructor's public profile (name, headline, bio, photo). */
export const AdminInstructorSchema = z
  .object({
    name: text().trim().min(1, "name must not be empty").max(120, "name must be at most 120 characters").optional(),
    headline: text().trim().max(160, "headline must be at most 160 characters").nullable().optional(),
    bio: longText().trim().max(5000, "bio must be at most 5000 characters").nullable().optional(),
    photo_url: text()
      .url("photo_url must be a URL")
      .max(2000)
      .refine((u) => /^https?:\/\//i.test(u), "photo_url must be an http(s) URL")
      .nullable()
      .optional(),
  })
  .strict()
export type AdminInstructor = z.infer<typeof AdminInstructorSchema>

export const AdminInstructorListQuerySchema = z.object({ org_id: text().optional() }).strict()
export type AdminInstructorListQuery = z.infer<typeof AdminInstructorListQuerySchema>

/** A locale (BCP-47 tag such as en or pt-BR); whether the org enabled it is checked by the route. */
const localeTag = text().max(35).regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "locale must be a language tag such as en or pt-BR")

/** Translations of a course's texts in one locale; `value: null` removes one (back to the default). */
export const AdminSetTranslationsSchema = z
  .object({
    locale: localeTag,
    translations: z
      .array(
        z
          .object({
            entity_type: z.enum(["course", "module", "section", "lesson"], { error: "entity_type must be course, module, section or lesson" }),
            entity_id: text().min(1, "entity_id must not be empty").max(100),
            field: z.enum(["title", "subtitle", "description", "body"], { error: "field must be title, subtitle, description or body" }),
            value: longText().max(200_000).nullable(),
          })
          .strict()
      )
      .min(1, "translations must not be empty")
      .max(1000, "at most 1000 translations at once"),
  })
  .strict()
export type AdminSetTranslations = z.infer<typeof AdminSetTranslationsSchema>

export const AdminTranslationsQuerySchema = z.object({ locale: localeTag.optional() }).strict()
export type AdminTranslationsQuery = z.infer<typeof AdminTranslationsQuerySchema>

export const AdminMissingTranslationsQuerySchema = z.object({ locale: localeTag }).strict()
export type AdminMissingTranslationsQuery = z.infer<typeof AdminMissingTranslationsQuerySchema>
