import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { sdk } from "./sdk"

export type Block = { id: string; type: string; [field: string]: unknown }
export type PageVersion = { id: string; number: number; title: string; blocks: Block[]; created_by: string | null; created_at: string }
export type Page = {
  id: string
  org_id: string
  slug: string
  title: string
  is_home: boolean
  status: "draft" | "published"
  published_version_id: string | null
  published_at: string | null
  latest_version_number?: number
  draft?: PageVersion | null
}

export const pageKeys = {
  all: ["volmify-pages"] as const,
  list: (orgId: string | null) => [...pageKeys.all, "list", orgId] as const,
  one: (id: string) => [...pageKeys.all, "one", id] as const,
  versions: (id: string) => [...pageKeys.all, "versions", id] as const,
  translations: (id: string, locale: string | null) => [...pageKeys.all, "translations", id, locale] as const,
  missing: (id: string, locale: string) => [...pageKeys.all, "missing", id, locale] as const,
}

export const usePages = (orgId: string | null) =>
  useQuery({
    queryKey: pageKeys.list(orgId),
    queryFn: () => sdk.client.fetch<{ pages: Page[]; count: number }>(`/admin/pages`, { query: { ...(orgId ? { org_id: orgId } : {}), limit: 100 } }),
  })

export const usePage = (id: string) =>
  useQuery({ queryKey: pageKeys.one(id), queryFn: () => sdk.client.fetch<{ page: Page }>(`/admin/pages/${id}`) })

export const usePageVersions = (id: string) =>
  useQuery({
    queryKey: pageKeys.versions(id),
    queryFn: () => sdk.client.fetch<{ versions: PageVersion[]; count: number }>(`/admin/pages/${id}/versions`, { query: { limit: 50 } }),
  })

/** A write to the pages routes that refreshes every pages query when it succeeds. */
export const usePagesWrite = () => {
  const client = useQueryClient()
  return useMutation({
    mutationFn: ({ path, method = "POST", body }: { path: string; method?: "POST" | "DELETE"; body?: Record<string, unknown> }) =>
      sdk.client.fetch<{ page?: Page; version?: PageVersion }>(path, { method, ...(body ? { body } : {}) }),
    onSuccess: () => client.invalidateQueries({ queryKey: pageKeys.all }),
  })
}

export type PageTranslation = { id: string; locale: string; block_id: string; field: string; value: string; source: string | null }
export type MissingTranslation = { block_id: string; block_type: string; field: string; source: string }

/** The page's translations (one locale, or all) with the org's default and enabled locales. */
export const usePageTranslations = (id: string, locale: string | null) =>
  useQuery({
    queryKey: pageKeys.translations(id, locale),
    queryFn: () =>
      sdk.client.fetch<{ default_locale: string; locales: string[]; translations: PageTranslation[] }>(`/admin/pages/${id}/translations`, {
        query: locale ? { locale } : {},
      }),
  })

/** The draft's texts with no translation in `locale`. */
export const useMissingTranslations = (id: string, locale: string) =>
  useQuery({
    queryKey: pageKeys.missing(id, locale),
    queryFn: () =>
      sdk.client.fetch<{ locale: string; missing: MissingTranslation[]; count: number; total: number }>(`/admin/pages/${id}/translations/missing`, { query: { locale } }),
  })
