import http from "node:http"
import type { AddressInfo } from "node:net"
import { sendPageView } from "./analytics-beacon"

/** A local server standing in for Medusa: records what it receives, answers as told. */
async function server(answer: (req: http.IncomingMessage, res: http.ServerResponse) => void) {
  const seen: { method?: string; url?: string; headers: http.IncomingHttpHeaders; body: string }[] = []
  const s = http.createServer((req, res) => {
    let body = ""
    req.on("data", (d) => (body += d))
    req.on("end", () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body })
      answer(req, res)
    })
  })
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve))
  const url = `http://127.0.0.1:${(s.address() as AddressInfo).port}`
  return { url, seen, close: () => new Promise<void>((resolve) => { s.closeAllConnections(); s.close(() => resolve()) }) }
}

describe("sendPageView", () => {
  it("posts the course id with the org's key and nothing about the visitor; true on 204", async () => {
    const s = await server((_, res) => res.writeHead(204).end())
    try {
      expect(await sendPageView(s.url, "pk_org", { course_id: "course_1" })).toBe(true)
      expect(s.seen).toHaveLength(1)
      expect(s.seen[0]).toMatchObject({ method: "POST", url: "/store/analytics/page-views", body: JSON.stringify({ course_id: "course_1" }) })
      expect(s.seen[0].headers["x-publishable-api-key"]).toBe("pk_org")
      expect([s.seen[0].headers.cookie, s.seen[0].headers["x-forwarded-for"], s.seen[0].headers.authorization]).toEqual([undefined, undefined, undefined])
    } finally {
      await s.close()
    }
  })

  it("never throws: a refusal, a server that hangs past the timeout, nothing listening", async () => {
    const refusing = await server((_, res) => res.writeHead(404, { "content-type": "application/json" }).end('{"message":"no"}'))
    const hanging = await server(() => {})
    try {
      expect(await sendPageView(refusing.url, "pk", { course_id: "x" })).toBe(false)
      const started = Date.now()
      expect(await sendPageView(hanging.url, "pk", { page_slug: "home" }, { timeoutMs: 200 })).toBe(false)
      expect(Date.now() - started).toBeLessThan(2000)
      expect(await sendPageView("http://127.0.0.1:1", "pk", { course_id: "x" })).toBe(false)
    } finally {
      await refusing.close()
      await hanging.close()
    }
  })
})
