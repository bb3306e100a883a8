import { useQuery } from "@tanstack/react-query"
import { sdk } from "./sdk"

export type AdminOrg = {
  id: string
  handle: string
  name: string
  status: "active" | "suspended"
  sales_channel_id: string
  created_at: string
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
