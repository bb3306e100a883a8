/** What went wrong with the form just posted (`?form_error=`, set by app/form/[action]/route.ts). */
export function FormError({ message }: { message?: string }) {
  if (!message) return null
  return (
    <p className="panel warn" role="alert">
      {message}
    </p>
  )
}
