import { lookUpCertificate } from "../../actions"

export const metadata = { title: "Verify a certificate" }

export default function VerifyFormPage() {
  return (
    <>
      <h1>Verify a certificate</h1>
      <form action={lookUpCertificate} className="row">
        <label>
          Verification code <input name="code" placeholder="VCRT-XXXX-XXXX-XXXX-XXXX" required />
        </label>
        <button className="btn" type="submit">Verify</button>
      </form>
    </>
  )
}
