import { Badge, Button, Input, Text, toast } from "@medusajs/ui"
import { useMutation, useQueryClient } from "@tanstack/react-query"
import { useState } from "react"
import { errorText } from "../lib/api"
import { sdk } from "../lib/sdk"

/**
 * A certificate's state and, while it is valid, "Revoke" that asks for the reason in place
 * (the student sees it no more; its code then verifies as revoked). Refusals stay on screen.
 */
export function CertificateCell({ certificate }: { certificate: { id: string; code: string; revoked_at: string | null } }) {
  const client = useQueryClient()
  const [asking, setAsking] = useState(false)
  const [reason, setReason] = useState("")
  const [problem, setProblem] = useState<string | null>(null)
  const revoke = useMutation({
    mutationFn: () => sdk.client.fetch(`/admin/certificates/${certificate.id}/revoke`, { method: "POST", body: { reason: reason.trim() } }),
    onSuccess: () => {
      setAsking(false)
      setProblem(null)
      toast.success(`Certificate ${certificate.code} revoked`)
      client.invalidateQueries({ queryKey: ["volmify", "course-students"] })
      client.invalidateQueries({ queryKey: ["volmify", "certificates"] })
    },
    onError: (e) => setProblem(errorText(e, "Not revoked")),
  })
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <div className="flex flex-wrap items-center gap-2">
        <Text size="xsmall" className="font-mono break-all">{certificate.code}</Text>
        <Badge size="2xsmall" color={certificate.revoked_at ? "red" : "green"}>{certificate.revoked_at ? "revoked" : "issued"}</Badge>
        {!certificate.revoked_at && !asking && (
          <Button size="small" variant="transparent" aria-label={`Revoke certificate ${certificate.code}`} onClick={() => setAsking(true)}>
            Revoke
          </Button>
        )}
      </div>
      {asking && (
        <form
          className="flex flex-wrap items-center gap-2"
          onSubmit={(e) => {
            e.preventDefault()
            if (reason.trim()) revoke.mutate()
          }}
        >
          <Input
            size="small"
            autoFocus
            aria-label={`Reason for revoking ${certificate.code}`}
            placeholder="Reason (kept on record)"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
          <Button size="small" variant="danger" type="submit" disabled={!reason.trim()} isLoading={revoke.isPending}>
            Confirm revoke
          </Button>
          <Button size="small" variant="secondary" type="button" onClick={() => (setAsking(false), setProblem(null))}>
            Cancel
          </Button>
        </form>
      )}
      {problem && <Text size="xsmall" className="text-ui-fg-error" role="alert">{problem}</Text>}
    </div>
  )
}
