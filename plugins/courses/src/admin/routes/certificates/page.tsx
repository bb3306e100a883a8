import { defineRouteConfig } from "@medusajs/admin-sdk"
import { CheckCircle } from "@medusajs/icons"
import { Button, Container, Heading, Input, Label, Text, toast } from "@medusajs/ui"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useEffect, useState } from "react"
import { IssuedCertificates } from "../../components/issued-certificates"
import { OrgPicker, useOrgName } from "../../components/org-filter"
import { errorText } from "../../lib/api"
import { sdk } from "../../lib/sdk"

type Settings = { org_id: string; title: string; body_text: string; signatory_name: string | null; signatory_title: string | null; accent_color: string | null }
const settingsKey = (orgId: string) => ["volmify", "certificate-settings", orgId] as const

/**
 * The org's certificate template (the PDF students download when they complete a course with
 * certificates on). A platform operator picks the org first.
 */
const CertificatesPage = () => {
  const client = useQueryClient()
  const orgs = useOrgName()
  const [orgId, setOrgId] = useState("")
  const needsOrg = orgs.platform && !orgId
  const key = settingsKey(orgId)
  const { data, error } = useQuery({
    queryKey: key,
    queryFn: () =>
      sdk.client.fetch<{ certificate_settings: Settings }>("/admin/certificate-settings", { query: orgId ? { org_id: orgId } : {} }),
    enabled: !orgs.loading && !needsOrg,
  })
  const [form, setForm] = useState<Settings | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  useEffect(() => {
    setForm(data ? data.certificate_settings : null)
  }, [data])
  const save = useMutation({
    mutationFn: () =>
      sdk.client.fetch<{ certificate_settings: Settings }>("/admin/certificate-settings", {
        method: "POST",
        body: {
          ...(orgId ? { org_id: orgId } : {}),
          title: form!.title,
          body_text: form!.body_text,
          signatory_name: form!.signatory_name?.trim() || null,
          signatory_title: form!.signatory_title?.trim() || null,
          accent_color: form!.accent_color?.trim() || null,
        },
      }),
    onSuccess: (d) => {
      setProblem(null)
      client.setQueryData(key, d)
      toast.success("Certificate template saved")
    },
    onError: (e) => setProblem(errorText(e, "Not saved")),
  })
  const header = (
    <div className="flex flex-wrap items-start justify-between gap-3">
      <div>
        <Heading level="h1">Certificates</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          The template of your org's certificates. Turn certificates on per course in its builder; each student who completes it gets one
          PDF (name, course, date, verification code) and a public verification page.
        </Text>
      </div>
      <OrgPicker value={orgId} onChange={setOrgId} />
    </div>
  )
  if (needsOrg) {
    return (
      <Container className="flex flex-col gap-4">
        {header}
        <Text className="text-ui-fg-subtle">Choose an organization.</Text>
      </Container>
    )
  }
  if (error) return <Container className="flex flex-col gap-4">{header}<Text className="text-ui-fg-error" role="alert">{errorText(error, "Could not load the settings")}</Text></Container>
  if (!form) return <Container className="flex flex-col gap-4">{header}<Text size="small">Loading…</Text></Container>
  const field = (name: keyof Settings, label: string, placeholder = "") => (
    <div className="flex flex-col gap-1">
      <Label htmlFor={`cert-${name}`}>{label}</Label>
      <Input id={`cert-${name}`} placeholder={placeholder} value={(form[name] as string | null) ?? ""} onChange={(e) => setForm({ ...form, [name]: e.target.value })} />
    </div>
  )
  return (
    <div className="flex flex-col gap-y-3">
    <Container className="flex flex-col gap-4">
      {header}
      <div className="grid grid-cols-1 gap-3 md:grid-cols-2">
        {field("title", "Title")}
        {field("body_text", "Line before the course title")}
        {field("signatory_name", "Signed by (name)", "none")}
        {field("signatory_title", "Signer's title", "none")}
        {field("accent_color", "Accent colour", "#1f3a68 or your branding colour")}
      </div>
      {problem && <Text size="small" className="text-ui-fg-error" role="alert">{problem}</Text>}
      <Button size="small" className="self-start" isLoading={save.isPending} onClick={() => save.mutate()}>
        Save template
      </Button>
    </Container>
    <IssuedCertificates orgId={orgId} />
    </div>
  )
}

export const config = defineRouteConfig({ label: "Certificates", icon: CheckCircle })

export default CertificatesPage
