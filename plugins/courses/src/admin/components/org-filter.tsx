import { Select, Text } from "@medusajs/ui"
import { useAdminOrgs } from "../lib/api"
import { PickField } from "./fields"

/**
 * For platform operators only: narrows a list to one org ("" = every org). Org staff never
 * see it: their lists are their active org's (the org switcher changes it).
 */
export function OrgFilter({ value, onChange }: { value: string; onChange: (orgId: string) => void }) {
  const { data } = useAdminOrgs()
  if (!data?.platform) return null
  return (
    <div className="flex items-center gap-2">
      <Text size="small" className="text-ui-fg-subtle">Org</Text>
      <PickField
        label="Filter by org"
        value={value}
        options={[{ value: "", label: "All orgs" }, ...data.orgs.map((o) => ({ value: o.id, label: o.name }))]}
        onChange={onChange}
      />
    </div>
  )
}

/** The org name of an id, for platform operators' "Org" columns. */
export function useOrgName() {
  const { data, isLoading } = useAdminOrgs()
  const names = new Map((data?.orgs ?? []).map((o) => [o.id, o.name]))
  return { platform: !!data?.platform, loading: isLoading, name: (id: string) => names.get(id) ?? id }
}

/**
 * For platform operators on a page that is about one org (a template, settings): the org to
 * work on, chosen first, instead of the API's bare "org_id is required for platform
 * operators". The same control as the Earnings and Affiliates pages. Org staff never see it.
 */
export function OrgPicker({ value, onChange }: { value: string; onChange: (orgId: string) => void }) {
  const { data } = useAdminOrgs()
  if (!data?.platform) return null
  return (
    <Select size="small" value={value || undefined} onValueChange={onChange}>
      <Select.Trigger className="w-56" aria-label="Organization">
        <Select.Value placeholder="Choose an organization" />
      </Select.Trigger>
      <Select.Content>
        {data.orgs.map((o) => (
          <Select.Item key={o.id} value={o.id}>
            {o.name}
          </Select.Item>
        ))}
      </Select.Content>
    </Select>
  )
}
