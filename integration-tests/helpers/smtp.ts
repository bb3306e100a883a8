import type { AddressInfo } from "node:net"
import { simpleParser, type ParsedMail } from "mailparser"
import { SMTPServer } from "smtp-server"

/**
 * A real SMTP listener for tests (nodemailer's smtp-server): every message the app sends
 * is parsed (mailparser) and kept, so a test reads the email a user would get.
 */
export class TestSmtp {
  readonly messages: ParsedMail[] = []
  /** Addresses (lower-case) the server refuses for good at RCPT TO (550), as a bounce. */
  readonly rejecting = new Set<string>()
  private server: SMTPServer | null = null
  port = 0

  async start() {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onRcptTo: (address, _session, callback) => {
        if (this.rejecting.has(address.address.toLowerCase())) {
          return callback(Object.assign(new Error("5.1.1 Mailbox does not exist"), { responseCode: 550 }))
        }
        callback()
      },
      onData: (stream, _session, callback) => {
        simpleParser(stream)
          .then((mail) => {
            this.messages.push(mail)
            callback()
          })
          .catch(callback)
      },
    })
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", () => resolve()))
    this.port = ((this.server as any).server.address() as AddressInfo).port
  }

  async stop() {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()))
  }

  url() {
    return `smtp://127.0.0.1:${this.port}`
  }

  /** Messages to `address` (case-insensitive), optionally only those whose subject matches. */
  to(address: string, subject?: RegExp) {
    return this.messages.filter((m) => addresses(m).includes(address.toLowerCase()) && (!subject || subject.test(m.subject ?? "")))
  }

  /** Waits for the `count`-th message to `address` (whose subject matches `subject`, if given). */
  async waitFor(address: string, count = 1, subject?: RegExp, timeoutMs = 15_000): Promise<ParsedMail[]> {
    const until = Date.now() + timeoutMs
    while (Date.now() < until) {
      const found = this.to(address, subject)
      if (found.length >= count) return found
      await new Promise((r) => setTimeout(r, 100))
    }
    throw new Error(`no email #${count} to ${address}${subject ? ` matching ${subject}` : ""} within ${timeoutMs} ms (got ${this.to(address).map((m) => m.subject).join(", ") || "none"})`)
  }
}

function addresses(mail: ParsedMail): string[] {
  const to = Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []
  return to.flatMap((t) => t.value.map((v) => (v.address ?? "").toLowerCase()))
}

/** The first link in the plain-text part that starts with `prefix`. */
export function linkIn(mail: ParsedMail, prefix: string): string {
  const match = (mail.text ?? "").match(/https?:\/\/\S+/g)?.find((u) => u.startsWith(prefix))
  if (!match) throw new Error(`no link starting with ${prefix} in:\n${mail.text}`)
  return match
}
