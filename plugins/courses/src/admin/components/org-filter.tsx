import { Text } from "@medusajs/ui"
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
  const { data } = useAdminOrgs()
  const names = new Map((data?.orgs ?? []).map((o) => [o.id, o.name]))
  return { platform: !!data?.platform, name: (id: string) => names.get(id) ?? id }
}
