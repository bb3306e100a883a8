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
  certificates_enabled?: boolean
}

export type LessonSummary = { id: string; title: string; type: string }

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
export type Lesson = LessonSummary & {
  body: string | null
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

export function useCourses(params: { limit: number; offset: number; q?: string }) {
  return useQuery({
    queryKey: courseKeys.list(params),
    queryFn: () =>
      sdk.client.fetch<{ courses: Course[]; count: number }>("/admin/courses", {
        query: { limit: params.limit, offset: params.offset, ...(params.q ? { q: params.q } : {}) },
      }),
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
export function useLessons(q = "") {
  return useQuery({
    queryKey: [...courseKeys.lessons, q],
    queryFn: () => sdk.client.fetch<{ lessons: Lesson[]; count: number }>("/admin/lessons", { query: { limit: 100, ...(q ? { q } : {}) } }),
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
