import type { EmailBrand } from "./context"
import type { EmailBody } from "./layout"

/**
 * The email templates, one function per message, with their words per locale. A locale
 * without a translation falls back to English.
 */
/** A template's words per locale; each reads the data its sender passes (typed per template). */
type Words = Record<string, (brand: EmailBrand, data: never) => EmailBody>

const pick = (words: Words, locale: string) => words[locale.split("-")[0].toLowerCase()] ?? words.en

const passwordReset: Words = {
  en: (brand, d: { url: string; minutes: number }) => ({
    subject: `Reset your ${brand.org_name} password`,
    preview: `A link to choose a new password for ${brand.org_name}`,
    heading: "Reset your password",
    paragraphs: [
      `Someone asked to reset the password of your ${brand.org_name} account. If it was you, choose a new password with the button below.`,
      "If it was not you, ignore this email: your password stays as it is.",
    ],
    action: { label: "Choose a new password", url: d.url },
    note: `The link works once and expires in ${d.minutes} minutes.`,
  }),
  es: (brand, d: { url: string; minutes: number }) => ({
    subject: `Restablece tu contraseña de ${brand.org_name}`,
    preview: `Un enlace para elegir una nueva contraseña de ${brand.org_name}`,
    heading: "Restablece tu contraseña",
    paragraphs: [
      `Alguien pidió restablecer la contraseña de tu cuenta de ${brand.org_name}. Si fuiste tú, elige una nueva contraseña con el botón.`,
      "Si no fuiste tú, ignora este correo: tu contraseña no cambia.",
    ],
    action: { label: "Elegir una nueva contraseña", url: d.url },
    note: `El enlace funciona una vez y caduca en ${d.minutes} minutos.`,
  }),
}

const staffPasswordReset: Words = {
  en: (brand, d: { url: string; minutes: number }) => ({
    subject: `Reset your ${brand.org_name} admin password`,
    preview: "A link to choose a new admin password",
    heading: "Reset your admin password",
    paragraphs: [
      "Someone asked to reset the password you use to sign in to the admin. If it was you, choose a new password with the button below.",
      "If it was not you, ignore this email and tell your org's owner.",
    ],
    action: { label: "Choose a new password", url: d.url },
    note: `The link works once and expires in ${d.minutes} minutes.`,
  }),
}

const ROLE_WORDS: Record<string, string> = {
  owner: "an owner",
  admin: "an admin",
  manager: "a manager",
  creator: "a creator",
  staff: "a staff member",
}

const staffInvitation: Words = {
  en: (brand, d: { url: string; role: string; expires_on: string }) => ({
    subject: `You're invited to join ${brand.org_name}`,
    preview: `Join ${brand.org_name} as ${ROLE_WORDS[d.role] ?? d.role}`,
    heading: `Join ${brand.org_name}`,
    paragraphs: [
      `You are invited to work on ${brand.org_name} as ${ROLE_WORDS[d.role] ?? d.role}. Accept to sign in to the admin with your existing account, or create one.`,
    ],
    action: { label: "Accept the invitation", url: d.url },
    note: `The invitation expires on ${d.expires_on}. If you did not expect it, ignore this email.`,
  }),
}

const invitationApproval: Words = {
  en: (brand, d: { url: string; email: string; role: string }) => ({
    subject: `An invitation to ${brand.org_name} is waiting for your approval`,
    preview: `${d.email} was invited as ${ROLE_WORDS[d.role] ?? d.role}`,
    heading: "An invitation needs your approval",
    paragraphs: [
      `${d.email} was invited to ${brand.org_name} as ${ROLE_WORDS[d.role] ?? d.role} by a manager. The invitation is sent once an owner or admin approves it.`,
    ],
    action: { label: "Review the invitation", url: d.url },
  }),
}

const welcome: Words = {
  en: (brand, d: { url: string; first_name?: string | null }) => ({
    subject: `Welcome to ${brand.org_name}`,
    preview: `Your ${brand.org_name} account is ready`,
    heading: d.first_name ? `Welcome, ${d.first_name}` : `Welcome to ${brand.org_name}`,
    paragraphs: [
      `Your account at ${brand.org_name} is ready. Your courses, progress and certificates are in My learning.`,
    ],
    action: { label: "Go to My learning", url: d.url },
  }),
  es: (brand, d: { url: string; first_name?: string | null }) => ({
    subject: `Te damos la bienvenida a ${brand.org_name}`,
    preview: `Tu cuenta de ${brand.org_name} está lista`,
    heading: d.first_name ? `Hola, ${d.first_name}` : `Te damos la bienvenida a ${brand.org_name}`,
    paragraphs: [`Tu cuenta de ${brand.org_name} está lista. Tus cursos, tu progreso y tus certificados están en Mi aprendizaje.`],
    action: { label: "Ir a Mi aprendizaje", url: d.url },
  }),
}

type ReceiptData = {
  display_id: string | number
  lines: { title: string; quantity: number; amount: string }[]
  total: string
  courses: { title: string; url: string }[]
  order_url: string
}

const orderReceipt: Words = {
  en: (brand, d: ReceiptData) => ({
    subject: `Your ${brand.org_name} order #${d.display_id}`,
    preview: d.courses.length ? `Start learning: ${d.courses.map((c) => c.title).join(", ")}` : `Receipt for order #${d.display_id}`,
    heading: "Thank you for your order",
    paragraphs: [
      `This is your receipt for order #${d.display_id} at ${brand.org_name}.`,
      ...(d.courses.length ? ["Your courses are open: start whenever you like."] : []),
    ],
    rows: [...d.lines.map((l) => ({ label: l.quantity > 1 ? `${l.title} × ${l.quantity}` : l.title, value: l.amount })), { label: "Total", value: d.total, strong: true }],
    action: d.courses.length ? { label: `Start learning: ${d.courses[0].title}`, url: d.courses[0].url } : { label: "View your order", url: d.order_url },
    links: d.courses.length > 1 ? d.courses.slice(1).map((c) => ({ label: `Start learning: ${c.title}`, url: c.url })) : undefined,
    note: `Order details: ${d.order_url}`,
  }),
  es: (brand, d: ReceiptData) => ({
    subject: `Tu pedido #${d.display_id} en ${brand.org_name}`,
    preview: d.courses.length ? `Empieza a aprender: ${d.courses.map((c) => c.title).join(", ")}` : `Recibo del pedido #${d.display_id}`,
    heading: "Gracias por tu pedido",
    paragraphs: [
      `Este es tu recibo del pedido #${d.display_id} en ${brand.org_name}.`,
      ...(d.courses.length ? ["Tus cursos están abiertos: empieza cuando quieras."] : []),
    ],
    rows: [...d.lines.map((l) => ({ label: l.quantity > 1 ? `${l.title} × ${l.quantity}` : l.title, value: l.amount })), { label: "Total", value: d.total, strong: true }],
    action: d.courses.length ? { label: `Empieza a aprender: ${d.courses[0].title}`, url: d.courses[0].url } : { label: "Ver tu pedido", url: d.order_url },
    links: d.courses.length > 1 ? d.courses.slice(1).map((c) => ({ label: `Empieza a aprender: ${c.title}`, url: c.url })) : undefined,
    note: `Detalles del pedido: ${d.order_url}`,
  }),
}

const lessonAvailable: Words = {
  en: (brand, d: { url: string; first_name?: string | null; course_title: string; lesson_title: string }) => ({
    subject: `New lesson open: ${d.lesson_title}`,
    preview: `${d.course_title}: "${d.lesson_title}" is open`,
    heading: d.first_name ? `${d.first_name}, a new lesson is open` : "A new lesson is open",
    paragraphs: [`"${d.lesson_title}" in ${d.course_title} is now open for you.`],
    action: { label: "Open the lesson", url: d.url },
  }),
}

const certificateIssued: Words = {
  en: (brand, d: { first_name?: string | null; course_title: string; verify_url: string; learn_url: string; code: string }) => ({
    subject: `Your certificate for ${d.course_title}`,
    preview: `You completed ${d.course_title}`,
    heading: d.first_name ? `Congratulations, ${d.first_name}` : "Congratulations",
    paragraphs: [
      `You completed ${d.course_title} at ${brand.org_name} and earned its certificate (code ${d.code}).`,
      "Download the PDF from My learning; anyone can check it with the verification link.",
    ],
    action: { label: "Get your certificate", url: d.learn_url },
    links: [{ label: "Verification page", url: d.verify_url }],
  }),
}

const assignmentReviewed: Words = {
  en: (brand, d: { first_name?: string | null; course_title: string; lesson_title: string; passed: boolean; feedback?: string | null; url: string }) => ({
    subject: `${d.passed ? "Passed" : "Feedback"}: ${d.lesson_title}`,
    preview: `Your assignment in ${d.course_title} was reviewed`,
    heading: d.passed ? "Your assignment passed" : "Your assignment needs another try",
    paragraphs: [
      `${d.first_name ? `${d.first_name}, y` : "Y"}our submission for "${d.lesson_title}" in ${d.course_title} was reviewed${d.passed ? " and passed" : ""}.`,
      ...(d.feedback ? [`Feedback: ${d.feedback}`] : []),
    ],
    action: { label: d.passed ? "Continue the course" : "Open the assignment", url: d.url },
  }),
}

const guestClaimLink: Words = {
  en: (brand, d: { url: string }) => ({
    subject: `Add your ${brand.org_name} purchases to your account`,
    preview: "One click adds what you bought as a guest to your account",
    heading: "Add your purchases to your account",
    paragraphs: [
      `You bought at ${brand.org_name} as a guest with this email address. Open the link while signed in to add those courses to your account.`,
      "If you did not ask for this, ignore this email: nothing changes.",
    ],
    action: { label: "Add them to my account", url: d.url },
    note: "The link works once and expires in 24 hours.",
  }),
}

const accessEnded: Words = {
  en: (brand, d: { first_name?: string | null; courses: string[]; reason?: string | null; url: string }) => ({
    subject: d.courses.length === 1 ? `Your access to ${d.courses[0]} has ended` : `Your access to ${d.courses.length} courses has ended`,
    preview: `${brand.org_name}: access ended`,
    heading: "Your access has ended",
    paragraphs: [
      `${d.first_name ? `${d.first_name}, y` : "Y"}our access to ${d.courses.join(", ")} at ${brand.org_name} has ended${d.reason ? ` (${d.reason})` : ""}.`,
      `If you think this is a mistake, reply to this email${brand.reply_to ? "" : " or contact the school"}.`,
    ],
    action: { label: "See the courses", url: d.url },
  }),
}

type CourseLink = { title: string; url: string }

const courseList = (courses: CourseLink[]) => courses.map((c) => c.title).join(", ")

const accessGranted: Words = {
  en: (brand, d: { first_name?: string | null; courses: CourseLink[]; expires_on?: string | null }) => ({
    subject: d.courses.length === 1 ? `You now have access to ${d.courses[0].title}` : `You now have access to ${d.courses.length} courses`,
    preview: `${brand.org_name}: ${courseList(d.courses)}`,
    heading: d.first_name ? `${d.first_name}, your access is ready` : "Your access is ready",
    paragraphs: [
      `${brand.org_name} gave you access to ${courseList(d.courses)}.${d.expires_on ? ` Your access lasts until ${d.expires_on}.` : ""}`,
    ],
    action: { label: `Start learning: ${d.courses[0].title}`, url: d.courses[0].url },
    links: d.courses.length > 1 ? d.courses.slice(1).map((c) => ({ label: `Start learning: ${c.title}`, url: c.url })) : undefined,
  }),
  es: (brand, d: { first_name?: string | null; courses: CourseLink[]; expires_on?: string | null }) => ({
    subject: d.courses.length === 1 ? `Ya tienes acceso a ${d.courses[0].title}` : `Ya tienes acceso a ${d.courses.length} cursos`,
    preview: `${brand.org_name}: ${courseList(d.courses)}`,
    heading: d.first_name ? `${d.first_name}, tu acceso está listo` : "Tu acceso está listo",
    paragraphs: [`${brand.org_name} te dio acceso a ${courseList(d.courses)}.${d.expires_on ? ` Tu acceso dura hasta el ${d.expires_on}.` : ""}`],
    action: { label: `Empezar: ${d.courses[0].title}`, url: d.courses[0].url },
    links: d.courses.length > 1 ? d.courses.slice(1).map((c) => ({ label: `Empezar: ${c.title}`, url: c.url })) : undefined,
  }),
}

const freeEnrollment: Words = {
  en: (brand, d: { courses: CourseLink[]; display_id: string | number }) => ({
    subject: `You're enrolled in ${courseList(d.courses)}`,
    preview: `Start learning at ${brand.org_name}`,
    heading: "You're enrolled",
    paragraphs: [
      `You enrolled in ${courseList(d.courses)} at ${brand.org_name}, free of charge (order #${d.display_id}). Start whenever you like: your progress is saved in My learning.`,
    ],
    action: { label: `Start learning: ${d.courses[0].title}`, url: d.courses[0].url },
    links: d.courses.length > 1 ? d.courses.slice(1).map((c) => ({ label: `Start learning: ${c.title}`, url: c.url })) : undefined,
  }),
  es: (brand, d: { courses: CourseLink[]; display_id: string | number }) => ({
    subject: `Te inscribiste en ${courseList(d.courses)}`,
    preview: `Empieza a aprender en ${brand.org_name}`,
    heading: "Ya estás inscrito",
    paragraphs: [
      `Te inscribiste gratis en ${courseList(d.courses)} en ${brand.org_name} (pedido #${d.display_id}). Empieza cuando quieras: tu progreso se guarda en Mi aprendizaje.`,
    ],
    action: { label: `Empezar: ${d.courses[0].title}`, url: d.courses[0].url },
    links: d.courses.length > 1 ? d.courses.slice(1).map((c) => ({ label: `Empezar: ${c.title}`, url: c.url })) : undefined,
  }),
}

type QuizData = {
  first_name?: string | null
  course_title: string
  lesson_title: string
  passed: boolean
  expired: boolean
  score_percent: number
  passing_score: number | null
  url: string
}

const quizGraded: Words = {
  en: (brand, d: QuizData) => ({
    subject: `${d.passed ? "Passed" : "Quiz result"}: ${d.lesson_title} (${d.score_percent}%)`,
    preview: `Your quiz in ${d.course_title} was graded`,
    heading: d.passed ? "You passed the quiz" : d.expired ? "Your quiz time ran out" : "Your quiz needs another try",
    paragraphs: [
      `${d.first_name ? `${d.first_name}, y` : "Y"}our attempt at "${d.lesson_title}" in ${d.course_title} scored ${d.score_percent}%${d.passing_score != null ? ` (${d.passing_score}% to pass)` : ""}.`,
      ...(d.expired ? ["It was submitted after the time limit, so its answers were not scored."] : []),
    ],
    action: { label: d.passed ? "Continue the course" : "Open the quiz", url: d.url },
  }),
  es: (brand, d: QuizData) => ({
    subject: `${d.passed ? "Aprobado" : "Resultado del cuestionario"}: ${d.lesson_title} (${d.score_percent}%)`,
    preview: `Tu cuestionario de ${d.course_title} ya tiene nota`,
    heading: d.passed ? "Aprobaste el cuestionario" : d.expired ? "Se acabó el tiempo del cuestionario" : "Tu cuestionario necesita otro intento",
    paragraphs: [
      `${d.first_name ? `${d.first_name}, t` : "T"}u intento de "${d.lesson_title}" en ${d.course_title} obtuvo ${d.score_percent}%${d.passing_score != null ? ` (se aprueba con ${d.passing_score}%)` : ""}.`,
      ...(d.expired ? ["Se envió después del tiempo límite, así que sus respuestas no se puntuaron."] : []),
    ],
    action: { label: d.passed ? "Seguir con el curso" : "Abrir el cuestionario", url: d.url },
  }),
}

const assignmentToReview: Words = {
  en: (brand, d: { student: string; course_title: string; lesson_title: string; url: string }) => ({
    subject: `New assignment to review: ${d.lesson_title}`,
    preview: `${d.student} submitted "${d.lesson_title}" in ${d.course_title}`,
    heading: "An assignment is waiting for review",
    paragraphs: [`${d.student} submitted "${d.lesson_title}" in ${d.course_title} at ${brand.org_name}. Review it to pass it or send feedback.`],
    action: { label: "Open the review queue", url: d.url },
  }),
}

const affiliateApplication: Words = {
  en: (brand, d: { approved: boolean; code: string; url: string }) => ({
    subject: d.approved ? `You're an affiliate of ${brand.org_name}` : `Your affiliate application to ${brand.org_name}`,
    preview: d.approved ? `Your referral code is ${d.code}` : "The application was not approved",
    heading: d.approved ? "Your application was approved" : "Your application was not approved",
    paragraphs: d.approved
      ? [`Welcome to the ${brand.org_name} affiliate program. Share your referral link (code ${d.code}): you earn a commission on the purchases it brings.`]
      : [`${brand.org_name} did not approve your affiliate application. If you have questions, reply to this email.`],
    action: { label: d.approved ? "Get your referral link" : "See your affiliate page", url: d.url },
  }),
}

const commissionApproved: Words = {
  en: (brand, d: { count: number; total: string; url: string }) => ({
    subject: `Commission approved: ${d.total}`,
    preview: `${brand.org_name} approved ${d.count === 1 ? "a commission" : `${d.count} commissions`}`,
    heading: "Your commission was approved",
    paragraphs: [
      `${brand.org_name} approved ${d.count === 1 ? "a commission" : `${d.count} commissions`} of ${d.total} in total. It is paid out with your next payout.`,
    ],
    action: { label: "See your earnings", url: d.url },
  }),
}

const payoutSent: Words = {
  en: (brand, d: { amount: string; reference: string; url: string }) => ({
    subject: `Payout sent: ${d.amount}`,
    preview: `${brand.org_name} paid you ${d.amount}`,
    heading: "Your payout is on its way",
    paragraphs: [`${brand.org_name} sent you a payout of ${d.amount} (reference ${d.reference}).`],
    action: { label: "See your payouts", url: d.url },
  }),
}

/** An automation's email, written by the org's staff (merge fields already filled, as text). */
const automationEmail: Words = {
  en: (brand, d: { subject: string; preview?: string; paragraphs: string[]; unsubscribe_url: string }) => ({
    subject: d.subject,
    preview: d.preview ?? d.paragraphs[0]?.slice(0, 120) ?? d.subject,
    heading: d.subject,
    paragraphs: d.paragraphs,
    note: `You get this email because you are a customer of ${brand.org_name}. Unsubscribe: ${d.unsubscribe_url}`,
  }),
  es: (brand, d: { subject: string; preview?: string; paragraphs: string[]; unsubscribe_url: string }) => ({
    subject: d.subject,
    preview: d.preview ?? d.paragraphs[0]?.slice(0, 120) ?? d.subject,
    heading: d.subject,
    paragraphs: d.paragraphs,
    note: `Recibes este correo porque eres cliente de ${brand.org_name}. Darte de baja: ${d.unsubscribe_url}`,
  }),
}

const marketingOptInConfirm: Words = {
  en: (brand, d: { url: string; course_title: string; hours: number }) => ({
    subject: `Confirm your subscription to ${brand.org_name}`,
    preview: `One click to get ${d.course_title} and emails from ${brand.org_name}`,
    heading: "Confirm your subscription",
    paragraphs: [
      `Someone (we hope you) asked for ${d.course_title} and emails from ${brand.org_name} with this address. Confirm with the button below to start receiving them.`,
      "If it was not you, ignore this email: you will get nothing more from us.",
    ],
    action: { label: "Confirm my subscription", url: d.url },
    note: `The link works once and expires in ${d.hours} hours.`,
  }),
}

/** To an org's owners: a webhook endpoint failed for 3 days and was disabled. */
const webhookEndpointDisabled: Words = {
  en: (brand, d: { url: string; endpoint_url: string; since: string }) => ({
    subject: `Webhook endpoint disabled: ${d.endpoint_url}`,
    preview: `${brand.org_name}: deliveries to ${d.endpoint_url} failed for 3 days`,
    heading: "A webhook endpoint was disabled",
    paragraphs: [
      `Deliveries from ${brand.org_name} to ${d.endpoint_url} have failed since ${d.since}, so the endpoint was disabled. No more events are sent to it.`,
      "Fix the receiver, enable the endpoint again and re-send the deliveries you need from the admin.",
    ],
    action: { label: "Open webhooks", url: d.url },
  }),
}

/** Subscriptions (@volmify/access): what a plan costs, as the emails say it. */
type PlanTerms = { product_title: string; amount: string; every: string; url: string; first_name?: string | null }

const hello = (d: { first_name?: string | null }, rest: string) => (d.first_name ? `${d.first_name}, ${rest.charAt(0).toLowerCase()}${rest.slice(1)}` : rest)

const subscriptionStarted: Words = {
  en: (brand, d: PlanTerms & { trial_ends_on?: string | null; next_charge_on?: string | null }) => ({
    subject: d.trial_ends_on ? `Your free trial of ${d.product_title} has started` : `Your subscription to ${d.product_title} has started`,
    preview: d.trial_ends_on ? `Free until ${d.trial_ends_on}, then ${d.amount} every ${d.every}` : `${d.amount} every ${d.every}`,
    heading: d.trial_ends_on ? "Your free trial has started" : "Your subscription has started",
    paragraphs: [
      d.trial_ends_on
        ? hello(d, `Your free trial of ${d.product_title} at ${brand.org_name} runs until ${d.trial_ends_on}. Unless you cancel before then, your saved payment method is charged ${d.amount} on ${d.trial_ends_on} and every ${d.every} after that.`)
        : hello(d, `You subscribed to ${d.product_title} at ${brand.org_name} for ${d.amount} every ${d.every}.${d.next_charge_on ? ` Your next payment is on ${d.next_charge_on}.` : ""}`),
      "You can cancel at any time in your account: you keep access until the end of the period you paid for.",
    ],
    action: { label: "Manage your subscription", url: d.url },
  }),
}

const subscriptionRenewalReceipt: Words = {
  en: (brand, d: PlanTerms & { display_id: string | number; period: string; next_charge_on?: string | null; order_url: string }) => ({
    subject: `Your ${brand.org_name} receipt: ${d.product_title}`,
    preview: `${d.amount} for ${d.period}`,
    heading: "Thank you: your subscription is renewed",
    paragraphs: [
      hello(d, `We charged ${d.amount} for your subscription to ${d.product_title} at ${brand.org_name} (order #${d.display_id}).`),
      d.next_charge_on ? `Your next payment of ${d.amount} is on ${d.next_charge_on}.` : "That was your last payment: your access stays.",
    ],
    rows: [
      { label: `${d.product_title} (${d.period})`, value: d.amount },
      { label: "Total", value: d.amount, strong: true },
    ],
    action: { label: "Manage your subscription", url: d.url },
    note: `Order details: ${d.order_url}`,
  }),
}

const subscriptionPaymentFailed: Words = {
  en: (brand, d: PlanTerms & { next_retry_on: string }) => ({
    subject: `Payment failed: your ${d.product_title} subscription`,
    preview: `We will try again on ${d.next_retry_on}: update your payment method`,
    heading: "We could not take your payment",
    paragraphs: [
      hello(d, `We could not charge ${d.amount} for your subscription to ${d.product_title} at ${brand.org_name}. You keep your access for now.`),
      `We will try again on ${d.next_retry_on}. Update your payment method before then so that the payment goes through; if it keeps failing, the subscription is canceled.`,
    ],
    action: { label: "Update your payment method", url: d.url },
  }),
}

const SUBSCRIPTION_END_WORDS: Record<string, { subject: string; text: string }> = {
  payment_failed: { subject: "was canceled", text: "was canceled because its payment failed again after several tries" },
  period_end: { subject: "has ended", text: "has ended, as you asked, at the end of the period you paid for" },
  merchant: { subject: "was canceled", text: "was canceled by the school" },
}

const subscriptionCanceled: Words = {
  en: (brand, d: PlanTerms & { reason: string }) => {
    const words = SUBSCRIPTION_END_WORDS[d.reason] ?? SUBSCRIPTION_END_WORDS.merchant
    return {
      subject: `Your ${d.product_title} subscription ${words.subject}`,
      preview: `${brand.org_name}: no further payment will be taken`,
      heading: d.reason === "period_end" ? "Your subscription has ended" : "Your subscription was canceled",
      paragraphs: [
        hello(d, `Your subscription to ${d.product_title} at ${brand.org_name} ${words.text}. No further payment will be taken and its access has ended.`),
        `You can subscribe again at any time${brand.reply_to ? "; questions? Reply to this email." : "."}`,
      ],
      action: { label: "See your subscriptions", url: d.url },
    }
  },
}

const subscriptionTrialEnding: Words = {
  en: (brand, d: PlanTerms & { trial_ends_on: string }) => ({
    subject: `Your free trial of ${d.product_title} ends on ${d.trial_ends_on}`,
    preview: `Then ${d.amount} every ${d.every}, unless you cancel`,
    heading: "Your free trial ends soon",
    paragraphs: [
      hello(d, `Your free trial of ${d.product_title} at ${brand.org_name} ends on ${d.trial_ends_on}. Then your saved payment method is charged ${d.amount} every ${d.every}.`),
      "Nothing to do to keep learning. To stop before the first payment, cancel in your account before the trial ends.",
    ],
    action: { label: "Manage your subscription", url: d.url },
  }),
}

const subscriptionCancelScheduled: Words = {
  en: (brand, d: PlanTerms & { access_until: string }) => ({
    subject: `Your ${d.product_title} subscription will end on ${d.access_until}`,
    preview: "No further payment; access until the end of the paid period",
    heading: "Your subscription will not renew",
    paragraphs: [
      hello(d, `As you asked, your subscription to ${d.product_title} at ${brand.org_name} will not renew: no further payment will be taken. You keep access until ${d.access_until}.`),
      "Changed your mind? Resume it in your account before then.",
    ],
    action: { label: "Resume your subscription", url: d.url },
  }),
}

export const EMAIL_TEMPLATES = {
  "subscription-started": subscriptionStarted,
  "subscription-renewal-receipt": subscriptionRenewalReceipt,
  "subscription-payment-failed": subscriptionPaymentFailed,
  "subscription-canceled": subscriptionCanceled,
  "subscription-trial-ending": subscriptionTrialEnding,
  "subscription-cancel-scheduled": subscriptionCancelScheduled,
  "marketing-opt-in-confirm": marketingOptInConfirm,
  "webhook-endpoint-disabled": webhookEndpointDisabled,
  "access-granted": accessGranted,
  "free-enrollment": freeEnrollment,
  "quiz-graded": quizGraded,
  "assignment-to-review": assignmentToReview,
  "affiliate-application": affiliateApplication,
  "affiliate-commission-approved": commissionApproved,
  "affiliate-payout-sent": payoutSent,
  "automation-email": automationEmail,
  "access-revoked": accessEnded,
  "guest-claim-link": guestClaimLink,
  "certificate-issued": certificateIssued,
  "assignment-reviewed": assignmentReviewed,
  "course-lesson-available": lessonAvailable,
  "order-receipt": orderReceipt,
  "staff-invitation": staffInvitation,
  "staff-invitation-approval": invitationApproval,
  "customer-welcome": welcome,
  "customer-password-reset": passwordReset,
  "user-password-reset": staffPasswordReset,
} as const

export type EmailTemplate = keyof typeof EMAIL_TEMPLATES

export function buildEmail(template: EmailTemplate, brand: EmailBrand, data: unknown): EmailBody {
  // `data` is what the sender passed for this template (sendEmail's data), read as the template's own type.
  const render = pick(EMAIL_TEMPLATES[template], brand.locale) as (brand: EmailBrand, data: unknown) => EmailBody
  return render(brand, data)
}

/** Emails sent to staff and operators (the admin is in English); every other template goes to customers. */
const STAFF_TEMPLATES: readonly EmailTemplate[] = ["staff-invitation", "staff-invitation-approval", "user-password-reset", "assignment-to-review", "webhook-endpoint-disabled"]

/**
 * For each language tag: which customer emails have built-in words in it (the rest go out in
 * English). What the org page shows beside the locales an org enables (issue 26).
 */
export function builtInEmailCoverage(locale: string): { language: string; translated: number; total: number; missing: EmailTemplate[] } {
  const language = locale.split("-")[0].toLowerCase()
  const customer = (Object.keys(EMAIL_TEMPLATES) as EmailTemplate[]).filter((t) => !STAFF_TEMPLATES.includes(t))
  const missing = language === "en" ? [] : customer.filter((t) => !(language in EMAIL_TEMPLATES[t]))
  return { language, translated: customer.length - missing.length, total: customer.length, missing }
}
