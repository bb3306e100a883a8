import { z } from "@medusajs/framework/zod"

const tier = (name = "required_tier") => z.number({ error: `${name} must be a number` }).int(`${name} must be an integer`).min(1, `${name} must be at least 1`)
const dripDays = z.number().int("drip_days must be an integer").min(0, "drip_days must be 0 or more").nullable().optional()
const dripDate = z.coerce.date({ error: "drip_date must be a date" }).nullable().optional()
const handle = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "handle must be lowercase letters, digits and single dashes")
const title = z.string().trim().min(1, "title must not be empty").max(300)

const courseFields = {
  handle,
  title,
  subtitle: z.string().max(500).nullable().optional(),
  description: z.string().max(20_000).nullable().optional(),
  level: z.enum(["beginner", "intermediate", "advanced"]).optional(),
  difficulty: z.number().int("difficulty must be an integer").min(1, "difficulty must be 1-10").max(10, "difficulty must be 1-10").optional(),
  language: z.string().trim().min(2).max(35).optional(),
  thumbnail: z.string().url("thumbnail must be a URL").nullable().optional(),
  estimated_minutes: z.number().int("estimated_minutes must be an integer").min(0).nullable().optional(),
}

export const AdminCreateCourseSchema = z.object({ product_id: z.string().min(1), ...courseFields }).strict()
export type AdminCreateCourse = z.infer<typeof AdminCreateCourseSchema>

export const AdminUpdateCourseSchema = z
  .object(Object.fromEntries(Object.entries(courseFields).map(([k, v]) => [k, (v as z.ZodTypeAny).optional()])) as {
    [K in keyof typeof courseFields]: z.ZodOptional<(typeof courseFields)[K]>
  })
  .strict()
export type AdminUpdateCourse = z.infer<typeof AdminUpdateCourseSchema>

export const AdminListQuerySchema = z
  .object({
    q: z.string().optional(),
    status: z.enum(["draft", "published", "archived"]).optional(),
    org_id: z.string().optional(),
    product_id: z.string().optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict()
export type AdminListQuery = z.infer<typeof AdminListQuerySchema>

export const AdminUnpublishCourseSchema = z.object({ status: z.enum(["draft", "archived"]).optional() }).strict()

const placement = z
  .object({
    id: z.string().min(1).optional(),
    lesson_id: z.string().min(1, "lesson_id is required"),
    required_tier: tier().optional(),
    is_preview: z.boolean().optional(),
    drip_days: dripDays,
    drip_date: dripDate,
  })
  .strict()
const section = z
  .object({
    id: z.string().min(1).optional(),
    title,
    required_tier: tier().optional(),
    drip_days: dripDays,
    drip_date: dripDate,
    lessons: z.array(placement).max(1000).optional(),
  })
  .strict()
const outlineModule = z
  .object({
    id: z.string().min(1).optional(),
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
      .object({ modules: z.array(z.string()).optional(), sections: z.array(z.string()).optional(), lessons: z.array(z.string()).optional() })
      .strict()
      .optional(),
  })
  .strict()
export type AdminOutline = z.infer<typeof AdminOutlineSchema>

const lessonFields = {
  title,
  type: z.enum(["video", "text", "download", "quiz", "assignment"]).optional(),
  body: z.string().max(200_000).nullable().optional(),
  video_provider: z.enum(["url", "file", "mux", "cloudflare"]).nullable().optional(),
  video_source: z.string().max(2000).nullable().optional(),
  duration_seconds: z.number().int("duration_seconds must be an integer").min(0).nullable().optional(),
  attachments: z
    .array(z.object({ file_id: z.string().min(1), name: z.string().min(1).max(300), mime_type: z.string().max(200).optional() }).strict())
    .max(50)
    .nullable()
    .optional(),
}
const videoNeedsSource = (l: { video_provider?: string | null; video_source?: string | null }) =>
  !l.video_provider || !!l.video_source
const urlIsHttp = (l: { video_provider?: string | null; video_source?: string | null }) =>
  l.video_provider !== "url" || !l.video_source || /^https?:\/\//.test(l.video_source)

export const AdminCreateLessonSchema = z
  .object({ org_id: z.string().optional(), ...lessonFields })
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
