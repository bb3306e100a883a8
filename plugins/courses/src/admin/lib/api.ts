import { useQuery } from "@tanstack/react-query"
import { sdk } from "./sdk"

export type Course = {
  id: string
  org_id: string
  product_id: string
  handle: string
  title: string
  status: "draft" | "published" | "archived"
  published_at: string | null
  updated_at: string
  enrollment_count?: number
  certificates_enabled?: boolean
  lead_magnet?: boolean
  subtitle?: string | null
  description?: string | null
  level?: "beginner" | "intermediate" | "advanced" | null
  language?: string | null
  thumbnail?: string | null
  instructor_ids?: string[] | null
  tier_details?: TierDetail[] | null
  faq?: FaqItem[] | null
  seo?: { title?: string | null; description?: string | null; image_url?: string | null; canonical_url?: string | null; noindex?: boolean } | null
}

export type TierDetail = { tier: number; name?: string | null; includes?: string[] }
export type FaqItem = { question: string; answer: string }
export type Instructor = {
  employee_id: string
  role: string
  email: string | null
  has_profile: boolean
  name: string
  headline: string | null
  bio: string | null
  photo_url: string | null
}

/** A library lesson as the builder lists it; `used_in` says which courses already place it. */
export type LessonSummary = { id: string; title: string; type: string; used_in?: UsedIn[] }

export type Placement = {
  id: string
  lesson_id: string
  required_tier: number
  is_preview: boolean
  drip_days: number | null
  drip_date?: string | null
  lesson?: LessonSummary | null
}
export type Section = {
  id: string
  title: string
  required_tier: number
  drip_days: number | null
  drip_date?: string | null
  lessons: Placement[]
}
export type Module = Omit<Section, "lessons"> & { sections: Section[] }

export type UsedIn = { placement_id: string; course_id: string; course_title: string; module_title: string; section_title: string }
export type Attachment = { file_id: string; name: string; mime_type?: string }
export type Lesson = LessonSummary & {
  body: string | null
  attachments?: Attachment[] | null
  video_provider: "url" | "file" | "mux" | "cloudflare" | null
  video_source: string | null
  duration_seconds: number | null
  used_in: UsedIn[]
}

export type AccessPlan = { id: string; variant_id: string; tier: number }

export const courseKeys = {
  all: ["volmify", "courses"] as const,
  list: (params: Record<string, unknown>) => ["volmify", "courses", "list", params] as const,
  detail: (id: string) => ["volmify", "courses", "detail", id] as const,
  outline: (id: string) => ["volmify", "courses", "outline", id] as const,
  lessons: ["volmify", "lessons"] as const,
  plans: (productId: string) => ["volmify", "access-plans", productId] as const,
}

export const errorText = (e: unknown, fallback: string) => (e instanceof Error && e.message ? e.message : fallback)

export function useCourses(params: { limit: number; offset: number; q?: string; org_id?: string }) {
  return useQuery({
    queryKey: courseKeys.list(params),
    queryFn: () =>
      sdk.client.fetch<{ courses: Course[]; count: number }>("/admin/courses", {
        query: {
          limit: params.limit,
          offset: params.offset,
          ...(params.q ? { q: params.q } : {}),
          ...(params.org_id ? { org_id: params.org_id } : {}),
        },
      }),
  })
}

export type OrgOption = { id: string; name: string; handle: string; role?: string }

/**
 * The orgs the user works in. `platform` is true for platform operators, who see every
 * org's courses and lessons and may narrow them to one org.
 */
export function useAdminOrgs() {
  return useQuery({
    queryKey: ["volmify", "orgs", "options"],
    queryFn: () => sdk.client.fetch<{ orgs: OrgOption[] }>("/admin/orgs", { query: { limit: 100 } }),
    select: (data) => ({ orgs: data.orgs, platform: data.orgs.some((o) => o.role === "platform") }),
  })
}

export type EnrollmentProgress = {
  id: string
  course_id: string
  org_id: string
  started_at: string
  completed_at: string | null
  status: "active" | "completed" | "cancelled"
  tier: number
  lessons_total: number
  lessons_open: number
  lessons_completed: number
  progress_percent: number
  course: { id: string; title: string; handle: string; status: string }
}

/** A customer's enrollments with live tier and progress (org staff: their org's courses). */
export function useCustomerEnrollments(customerId: string) {
  return useQuery({
    queryKey: ["volmify", "customer-enrollments", customerId],
    queryFn: () => sdk.client.fetch<{ enrollments: EnrollmentProgress[] }>(`/admin/customers/${customerId}/enrollments`),
  })
}

export function useCourse(id: string) {
  return useQuery({
    queryKey: courseKeys.detail(id),
    queryFn: () => sdk.client.fetch<{ course: Course }>(`/admin/courses/${id}`),
  })
}

export function useOutline(id: string) {
  return useQuery({
    queryKey: courseKeys.outline(id),
    queryFn: () => sdk.client.fetch<{ modules: Module[] }>(`/admin/courses/${id}/outline`),
  })
}

/** The library (the latest 100, or those matching `q`). */
export function useLessons(q = "", orgId = "") {
  return useQuery({
    queryKey: [...courseKeys.lessons, q, orgId],
    queryFn: () =>
      sdk.client.fetch<{ lessons: Lesson[]; count: number }>("/admin/lessons", {
        query: { limit: 100, ...(q ? { q } : {}), ...(orgId ? { org_id: orgId } : {}) },
      }),
  })
}

/** The tiers the course's product sells (access plans of its variants). */
export function useProductTiers(productId: string) {
  return useQuery({
    queryKey: courseKeys.plans(productId),
    queryFn: () => sdk.client.fetch<{ access_plans: AccessPlan[] }>(`/admin/products/${productId}/access-plans`),
    select: (data) => [...new Set(data.access_plans.map((p) => p.tier))].sort((a, b) => a - b),
  })
}

export type StudentCertificate = { id: string; code: string; issued_at: string; revoked_at: string | null }
export type CourseStudent = {
  enrollment_id: string
  customer_id: string
  email: string | null
  name: string | null
  tier: number
  enrolled_at: string
  completed_at: string | null
  lessons_open: number
  lessons_completed: number
  progress_percent: number
  last_activity_at: string
  quizzes_total: number
  quizzes_passed: number
  quizzes: { placement_id: string; title: string; attempts: number; best_score_percent: number; passed: boolean }[]
  certificate: StudentCertificate | null
}
export type StudentFilters = { q?: string; tier?: string; completed?: string }

/** Query-string values of the student filters (empty ones left out), shared by the list and the CSV link. */
export function studentFilterQuery(filters: StudentFilters): Record<string, string> {
  return Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined && v !== "")) as Record<string, string>
}

export function useCourseStudents(courseId: string, filters: StudentFilters, page: { limit: number; offset: number }) {
  return useQuery({
    queryKey: ["volmify", "course-students", courseId, filters, page],
    queryFn: () =>
      sdk.client.fetch<{ students: CourseStudent[]; count: number }>(`/admin/courses/${courseId}/students`, {
        query: { ...studentFilterQuery(filters), ...page },
      }),
    placeholderData: (previous) => previous,
  })
}

/** Where the browser downloads the CSV (the session cookie authenticates it; the server streams it). */
export function studentsCsvUrl(courseId: string, filters: StudentFilters) {
  const base = typeof __BACKEND_URL__ !== "undefined" && __BACKEND_URL__ && __BACKEND_URL__ !== "/" ? __BACKEND_URL__.replace(/\/$/, "") : ""
  const query = new URLSearchParams(studentFilterQuery(filters)).toString()
  return `${base}/admin/courses/${courseId}/students/export${query ? `?${query}` : ""}`
}

export type IssuedCertificate = {
  id: string
  code: string
  course_id: string
  course_title: string
  student_name: string
  org_id: string
  issued_at: string
  revoked_at: string | null
  revoked_reason: string | null
}

export function useIssuedCertificates(params: { q?: string; status?: string; course_id?: string; org_id?: string; limit: number; offset: number }) {
  return useQuery({
    queryKey: ["volmify", "certificates", params],
    queryFn: () =>
      sdk.client.fetch<{ certificates: IssuedCertificate[]; count: number }>("/admin/certificates", {
        query: Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined && v !== "")),
      }),
    placeholderData: (previous) => previous,
  })
}

/** The org's staff with their instructor profiles. */
export function useInstructors(orgId: string) {
  return useQuery({
    queryKey: ["volmify", "instructors", orgId],
    enabled: !!orgId,
    queryFn: () => sdk.client.fetch<{ instructors: Instructor[] }>("/admin/instructors", { query: { org_id: orgId } }),
  })
}

/** The product's variants with their access tier, for naming tiers ("Premium", not "tier 2"). */
export function useTierVariants(productId: string) {
  return useQuery({
    queryKey: [...courseKeys.plans(productId), "variants"],
    queryFn: async () => {
      const [{ access_plans }, { product }] = await Promise.all([
        sdk.client.fetch<{ access_plans: AccessPlan[] }>(`/admin/products/${productId}/access-plans`),
        sdk.client.fetch<{ product: { variants: { id: string; title: string }[] } }>(`/admin/products/${productId}`, {
          query: { fields: "id,variants.id,variants.title" },
        }),
      ])
      const titles = new Map(product.variants.map((v) => [v.id, v.title]))
      const tiers = new Map<number, string[]>()
      for (const p of access_plans) tiers.set(p.tier, [...(tiers.get(p.tier) ?? []), titles.get(p.variant_id) ?? p.variant_id])
      return [...tiers.entries()].sort(([a], [b]) => a - b).map(([tier, variants]) => ({ tier, variants }))
    },
  })
}

/** What a tier is called: the merchant's name, else its variant's title (not "Default variant"), else "Tier n". */
export function tierLabel(tier: number, details?: TierDetail[] | null, variants?: string[]) {
  const named = details?.find((d) => d.tier === tier)?.name
  const title = variants?.find((v) => v && !/^default( variant)?$/i.test(v))
  return named || title || `Tier ${tier}`
}

/** Uploads an image through Medusa's file module as a public file; its URL. */
export async function uploadPublicImage(file: File): Promise<string> {
  if (!file.type.startsWith("image/")) throw new Error(`"${file.name}" is not an image`)
  if (file.size > 5 * 1024 * 1024) throw new Error(`"${file.name}" is larger than 5 MB`)
  const { files } = await sdk.admin.upload.create({ files: [file] })
  if (!files?.[0]?.url) throw new Error("The upload returned no URL")
  return files[0].url
}

export type TranslatableText = { entity_type: "course" | "module" | "section" | "lesson"; entity_id: string; field: string }
export type MissingTranslation = TranslatableText & { source: string }
export type CourseTranslation = TranslatableText & { id: string; locale: string; value: string; updated_at: string }
export type TranslationsOverview = { default_locale: string; locales: string[]; translations: CourseTranslation[] }

/** The course's translations in every enabled locale, with the org's locales (default first). */
export function useCourseTranslations(courseId: string) {
  return useQuery({
    queryKey: ["volmify", "course-translations", courseId],
    queryFn: () => sdk.client.fetch<TranslationsOverview>(`/admin/courses/${courseId}/translations`),
  })
}

/** The course's texts with no translation in a locale (none asked: nothing fetched). */
export function useMissingTranslations(courseId: string, locale: string | null) {
  return useQuery({
    queryKey: ["volmify", "course-translations", courseId, "missing", locale],
    queryFn: () =>
      sdk.client.fetch<{ locale: string; missing: MissingTranslation[]; count: number; total: number }>(
        `/admin/courses/${courseId}/translations/missing`,
        { query: { locale: locale as string } }
      ),
    enabled: !!locale,
  })
}
