import http from "node:http"
import https from "node:https"
import { signWebhook, WEBHOOK_HEADERS, WEBHOOK_TIMEOUT_MS } from "../rules/webhooks"
import { resolveWebhookTarget } from "./target"

export type AttemptResult = { ok: boolean; status: number | null; error: string | null; duration_ms: number }

/**
 * One delivery attempt: resolves and checks the URL again (DNS may have changed since the
 * endpoint was saved), connects to the checked address (the `lookup` option pins it; TLS
 * still verifies the certificate for the host name), signs `${timestamp}.${body}` and
 * POSTs. A 2xx within the timeout is a success; the response body is not read beyond 64 KB.
 */
export async function attemptDelivery(
  { url, secret, delivery_id, event_name, body }: { url: string; secret: string; delivery_id: string; event_name: string; body: string }
): Promise<AttemptResult> {
  const started = Date.now()
  const target = await resolveWebhookTarget(url)
  if (!target.ok) return { ok: false, status: null, error: target.problem, duration_ms: Date.now() - started }
  const timestamp = Math.floor(Date.now() / 1000)
  const signature = `v1=${signWebhook(secret, timestamp, body)}`
  const client = target.url.protocol === "https:" ? https : http
  return await new Promise<AttemptResult>((resolve) => {
    const done = (r: Omit<AttemptResult, "duration_ms">) => resolve({ ...r, duration_ms: Date.now() - started })
    const req = client.request(
      target.url,
      {
        method: "POST",
        agent: false,
        timeout: WEBHOOK_TIMEOUT_MS,
        lookup: (_host, _opts, cb) =>
          _opts && (_opts as { all?: boolean }).all
            ? cb(null, [{ address: target.address, family: target.family }])
            : cb(null, target.address, target.family),
        headers: {
          "content-type": "application/json",
          "user-agent": "Volmify-Webhooks/1",
          [WEBHOOK_HEADERS.id]: delivery_id,
          [WEBHOOK_HEADERS.event]: event_name,
          [WEBHOOK_HEADERS.timestamp]: String(timestamp),
          [WEBHOOK_HEADERS.signature]: signature,
        },
      },
      (res) => {
        let seen = 0
        res.on("data", (chunk: Buffer) => {
          seen += chunk.length
          if (seen > 65_536) res.destroy()
        })
        const status = res.statusCode ?? 0
        const finish = () => done({ ok: status >= 200 && status < 300, status, error: status >= 200 && status < 300 ? null : `answered ${status}` })
        res.on("end", finish)
        res.on("close", finish)
        res.on("error", finish)
      }
    )
    req.on("timeout", () => req.destroy(new Error(`no answer within ${WEBHOOK_TIMEOUT_MS / 1000} s`)))
    req.on("error", (e) => done({ ok: false, status: null, error: e.message.slice(0, 500) }))
    req.end(body)
  })
}
