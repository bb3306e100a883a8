import { useQuery } from "@tanstack/react-query"
import { sdk } from "./sdk"

export type AdminOrg = {
  id: string
  handle: string
  name: string
  status: "active" | "suspended"
  sales_channel_id: string
  created_at: string
  role?: string
  active?: boolean
}

export type AdminOrgList = { orgs: AdminOrg[]; count: number; limit: number; offset: number }

export const orgQueryKeys = {
  all: ["volmify", "orgs"] as const,
  list: (params: { limit: number; offset: number }) =>
    [...orgQueryKeys.all, "list", params] as const,
}

export function useOrgs(params: { limit: number; offset: number }) {
  return useQuery({
    queryKey: orgQueryKeys.list(params),
    queryFn: () =>
      sdk.client.fetch<AdminOrgList>("/admin/orgs", {
        query: params,
      }),
  })
}

export type OrgBranding = {
  logo_url?: string | null
  primary_color?: string | null
  accent_color?: string | null
  font?: string | null
  default_locale?: string | null
  /** Locales the school is translated into besides the default. */
  locales?: string[] | null
}
export type OrgDetail = AdminOrg & {
  role: string
  support_email: string | null
  branding: OrgBranding | null
  settings: Record<string, unknown> | null
  domains: {
    id: string
    hostname: string
    is_primary: boolean
    verified_at: string | null
    /** The DNS TXT record that proves the claim, while unverified. */
    verification: { type: "TXT"; name: string; value: string } | null
  }[]
  api_keys?: { id: string; title: string; token: string; revoked_at: string | null }[]
}
export type Employee = {
  id: string
  role: string
  status: string
  display_name: string | null
  title: string | null
  user: { email: string; first_name: string | null; last_name: string | null } | null
}
export type Invitation = {
  id: string
  email: string
  role: string
  status: string
  expires_at: string
  approved_at: string | null
  invited_by: string
}

export const orgKeys = {
  detail: (id: string) => [...orgQueryKeys.all, "detail", id] as const,
  employees: (id: string) => [...orgQueryKeys.all, "employees", id] as const,
  invitations: (id: string) => [...orgQueryKeys.all, "invitations", id] as const,
}

export const useOrg = (id: string) =>
  useQuery({ queryKey: orgKeys.detail(id), queryFn: () => sdk.client.fetch<{ org: OrgDetail }>(`/admin/orgs/${id}`) })

export const useEmployees = (id: string) =>
  useQuery({
    queryKey: orgKeys.employees(id),
    queryFn: () => sdk.client.fetch<{ employees: Employee[] }>(`/admin/orgs/${id}/employees`),
  })

export const useInvitations = (id: string) =>
  useQuery({
    queryKey: orgKeys.invitations(id),
    queryFn: () =>
      sdk.client.fetch<{ invitations: Invitation[] }>(`/admin/orgs/${id}/invitations`, { query: { status: "pending" } }),
  })

/** An org API call; `T` is the response body the caller reads (most read none). */
export const orgApi = <T = unknown>(id: string, path = "", method: "POST" | "DELETE" = "POST", body?: unknown) =>
  sdk.client.fetch<T>(`/admin/orgs/${id}${path}`, { method, ...(body === undefined ? {} : { body }) })

/** The signed-in dashboard user (the staff page hides "Remove" on their own row). */
export function useCurrentUser() {
  return useQuery({
    queryKey: ["volmify", "current-user"] as const,
    queryFn: () => sdk.client.fetch<{ user: { id: string; email: string } }>("/admin/users/me"),
  })
}
