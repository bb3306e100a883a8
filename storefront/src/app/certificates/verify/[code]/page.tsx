import Link from "@/components/link"
import { verifyCertificate } from "@/lib/assessments"

export const metadata = { title: "Certificate verification" }

/** Public: confirms a code of this org with what the certificate itself shows, nothing more. */
export default async function VerifyPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params
  const certificate = await verifyCertificate(decodeURIComponent(code))
  return (
    <>
      <h1>Certificate verification</h1>
      {certificate && !certificate.valid ? (
        <div className="panel warn" role="status" aria-label="Revoked certificate">
          <p><span className="badge">Revoked</span></p>
          <p>
            This certificate ({certificate.code}) was revoked by {certificate.org_name}
            {certificate.revoked_at
              ? ` on ${new Date(certificate.revoked_at).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" })}`
              : ""}
            : it is no longer valid.
          </p>
        </div>
      ) : certificate ? (
        <div className="panel" role="status" aria-label="Valid certificate">
          <p><span className="badge brand">Valid ✓</span></p>
          <p>
            <strong>{certificate.student_name}</strong> completed <strong>{certificate.course_title}</strong> at {certificate.org_name} on{" "}
            {new Date(certificate.issued_at).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" })}.
          </p>
          <p className="muted">Code {certificate.code}</p>
        </div>
      ) : (
        <div className="panel warn" role="status">No certificate of ours has this code.</div>
      )}
      <p><Link href="/certificates/verify">Check another code</Link></p>
    </>
  )
}
