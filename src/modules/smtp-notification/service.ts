import type { Logger, ProviderSendNotificationDTO, ProviderSendNotificationResultsDTO } from "@medusajs/framework/types"
import { AbstractNotificationProviderService, MedusaError } from "@medusajs/framework/utils"
import nodemailer, { type Transporter } from "nodemailer"
import addressparser from "nodemailer/lib/addressparser"

export type SmtpOptions = {
  /** `smtp://user:pass@host:587`, `smtps://…:465` (nodemailer's connection URL). */
  url: string
  /** Default sender, e.g. `Volmify <no-reply@example.com>`. */
  from: string
}

/**
 * Sends what the caller rendered (`content.subject/html/text`, see @volmify/orgs/email) over
 * SMTP with nodemailer. `provider_data` may carry `from_name` (display name in front of the
 * configured address), `reply_to` and extra `headers` (e.g. List-Unsubscribe). A
 * notification without rendered content is refused: templates live with the senders.
 */
export default class SmtpNotificationProviderService extends AbstractNotificationProviderService {
  static identifier = "smtp"
  protected transporter: Transporter
  protected options: SmtpOptions
  protected logger: Logger

  static validateOptions(options: Record<string, unknown>) {
    if (typeof options.url !== "string" || !/^smtps?:\/\//.test(options.url)) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "SMTP_URL must be an smtp:// or smtps:// URL")
    }
    if (typeof options.from !== "string" || !options.from.includes("@")) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "MAIL_FROM must be an email address (optionally `Name <address>`)")
    }
  }

  constructor({ logger }: { logger: Logger }, options: SmtpOptions) {
    super()
    this.logger = logger
    this.options = options
    this.transporter = nodemailer.createTransport(options.url)
  }

  async send(notification: ProviderSendNotificationDTO): Promise<ProviderSendNotificationResultsDTO> {
    const content = notification.content
    if (!content?.subject || !(content.html || content.text)) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `Email "${notification.template}" has no rendered subject and body (render it with @volmify/orgs/email)`
      )
    }
    const extra = (notification.provider_data ?? {}) as { from_name?: string; reply_to?: string; headers?: Record<string, string> }
    const address = addressparser(notification.from || this.options.from, { flatten: true })[0]
    const info = await this.transporter.sendMail({
      from: { name: extra.from_name || address?.name || "", address: address?.address ?? this.options.from },
      to: notification.to,
      replyTo: extra.reply_to || undefined,
      subject: content.subject,
      html: content.html || undefined,
      text: content.text || undefined,
      headers: extra.headers,
      attachments: (notification.attachments ?? []).map((a) => ({
        filename: a.filename,
        content: a.content,
        encoding: "base64",
        contentType: a.content_type,
      })),
    })
    return { id: info.messageId }
  }
}
