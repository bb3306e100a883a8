import { ModuleProvider, Modules } from "@medusajs/framework/utils"
import SmtpNotificationProviderService from "./service"

/** Notification provider `smtp`: email over any SMTP server (SES, Postmark, Mailgun, a relay). */
export default ModuleProvider(Modules.NOTIFICATION, { services: [SmtpNotificationProviderService] })
