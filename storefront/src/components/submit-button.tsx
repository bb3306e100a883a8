"use client"

import { useFormStatus } from "react-dom"

/**
 * A form's submit button for slow actions (Pay first): disabled with a spinner while the
 * server action runs, so a second click cannot pay twice and the buyer sees progress.
 */
export function SubmitButton({ label, pendingLabel = "Paying…", disabled = false }: { label: string; pendingLabel?: string; disabled?: boolean }) {
  const { pending } = useFormStatus()
  return (
    <button className="btn submit-button" type="submit" disabled={disabled || pending} aria-busy={pending} data-pending={pending ? "true" : undefined}>
      {pending ? (
        <>
          <span className="spinner" aria-hidden="true" />
          {pendingLabel}
        </>
      ) : (
        label
      )}
    </button>
  )
}
