import Medusa, { FetchError } from "@medusajs/js-sdk"
import type { components, paths } from "./generated/store"

export type { components, paths } from "./generated/store"

type Config = ConstructorParameters<typeof Medusa>[0]
type Schemas = components["schemas"]

// Types of one operation of the store document (src/generated/store.ts, from the OpenAPI document).
type Op<P extends keyof paths, M extends "get" | "post"> = NonNullable<paths[P][M]>
type JsonOf<R> = R extends { content: { "application/json": infer J } } ? J : never
/** The success body of an operation (its 200, else 201, else 202 answer). */
export type ResponseOf<P extends keyof paths, M extends "get" | "post"> = Op<P, M> extends { responses: infer R }
  ? R extends { 200: infer A }
    ? JsonOf<A>
    : R extends { 201: infer A }
      ? JsonOf<A>
      : R extends { 202: infer A }
        ? JsonOf<A>
        : never
  : never
/** The JSON body an operation takes. */
export type BodyOf<P extends keyof paths> = Op<P, "post"> extends { requestBody: { content: { "application/json": infer B } } } ? B : never
/** The query parameters an operation takes. */
export type QueryOf<P extends keyof paths, M extends "get" | "post" = "get"> = Op<P, M> extends { parameters: { query?: infer Q } }
  ? NonNullable<Q>
  : never

export type StoreCourse = Schemas["StoreCourseResponse"]["course"]
export type StoreCourseSummary = Schemas["StoreCourseListResponse"]["courses"][number]
export type StoreLesson = Schemas["StoreLessonResponse"]["lesson"]
export type StoreEnrollment = Schemas["StoreEnrollmentListResponse"]["enrollments"][number]
export type StoreCertificate = Schemas["StoreCertificateListResponse"]["certificates"][number]
export type StoreQuizAttempt = Schemas["StoreQuizAttemptResponse"]["attempt"]
export type StoreOrg = Schemas["StoreOrgResponse"]["org"]
export type TierRequiredError = Schemas["TierRequiredError"]
export type DripLockedError = Schemas["DripLockedError"]
export type AuthRequiredError = Schemas["AuthRequiredError"]
export type ErrorBody = Schemas["Error"]
/** Why the lesson gate refused (a 401 or 403 of a lesson route), with its fields. */
export type GateRefusal = TierRequiredError | DripLockedError | AuthRequiredError

/**
 * An error answer of the API with its whole body (Medusa's FetchError keeps only the
 * message): `body.code` is `tier_required`, `drip_locked`, `auth_required`... where the
 * route names one. It is a FetchError, so code catching those keeps working.
 */
export class VolmifyError extends FetchError {
  constructor(
    message: string,
    statusText: string,
    status: number,
    public body: ErrorBody & Record<string, unknown>
  ) {
    super(message, statusText, status)
  }
  get code(): string | undefined {
    return typeof this.body.code === "string" ? this.body.code : undefined
  }
  /** The lesson gate's refusal, when this is one. */
  get gate(): GateRefusal | null {
    return this.code === "tier_required" || this.code === "drip_locked" || this.code === "auth_required" ? (this.body as GateRefusal) : null
  }
}

/** Per call: extra headers (e.g. `authorization: Bearer <customer token>` on a server). */
export type CallOptions = { headers?: Record<string, string>; signal?: AbortSignal }

const seg = (value: string) => encodeURIComponent(value)

/**
 * Medusa's js-sdk plus `sdk.volmify.*`: typed calls for the routes the Volmify plugins add
 * to the store API. Everything of `@medusajs/js-sdk` (`sdk.store.*`, `sdk.auth.*`) is
 * unchanged; the publishable key (the org) and the customer token are the same.
 */
export class VolmifySdk extends Medusa {
  readonly volmify: ReturnType<typeof volmifyStore>
  constructor(config: Config) {
    super(config)
    this.volmify = volmifyStore(config, this.client)
  }
}

export default VolmifySdk

type Client = InstanceType<typeof Medusa>["client"]

function volmifyStore(config: Config, client: Client) {
  async function call<T>(
    method: "GET" | "POST",
    path: string,
    init: { query?: Record<string, unknown>; body?: unknown } & CallOptions = {}
  ): Promise<T> {
    const url = new URL(config.baseUrl.replace(/\/$/, "") + path)
    for (const [key, value] of Object.entries(init.query ?? {})) {
      if (value !== undefined && value !== null) url.searchParams.set(key, String(value))
    }
    const headers: Record<string, string> = { accept: "application/json", ...(config.globalHeaders as Record<string, string> | undefined) }
    if (config.publishableKey) headers["x-publishable-api-key"] = config.publishableKey
    const token = await client.getToken().catch(() => null)
    if (token) headers.authorization = `Bearer ${token}`
    if (init.body !== undefined) headers["content-type"] = "application/json"
    Object.assign(headers, init.headers)
    const res = await fetch(url, {
      method,
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      credentials: config.auth?.type === "session" ? "include" : undefined,
      signal: init.signal,
    })
    const text = await res.text()
    let body: any = {}
    try {
      body = text ? JSON.parse(text) : {}
    } catch {
      body = { type: "unknown_error", message: text.slice(0, 500) }
    }
    if (!res.ok) {
      throw new VolmifyError(body?.message ?? res.statusText, res.statusText, res.status, body)
    }
    return body as T
  }
  const lesson = (course: string, placement: string) => `/store/courses/${seg(course)}/lessons/${seg(placement)}`

  return {
    org: {
      /** The org behind the publishable key, with its branding. */
      retrieve: (o?: CallOptions) => call<ResponseOf<"/store/org", "get">>("GET", "/store/org", o),
      /** The org answering on a verified hostname (multi-domain storefronts). */
      resolve: (query: QueryOf<"/store/orgs/resolve">, o?: CallOptions) =>
        call<ResponseOf<"/store/orgs/resolve", "get">>("GET", "/store/orgs/resolve", { ...o, query }),
      /** The logged-in customer's membership of the org (404 if none). */
      membership: (o?: CallOptions) => call<ResponseOf<"/store/org/membership", "get">>("GET", "/store/org/membership", o),
      /** Joins the org (a customer of another org). */
      join: (body: BodyOf<"/store/org/membership">, o?: CallOptions) =>
        call<ResponseOf<"/store/org/membership", "post">>("POST", "/store/org/membership", { ...o, body }),
      emailPreferences: (o?: CallOptions) =>
        call<ResponseOf<"/store/email-preferences", "get">>("GET", "/store/email-preferences", o),
      updateEmailPreferences: (body: BodyOf<"/store/email-preferences">, o?: CallOptions) =>
        call<ResponseOf<"/store/email-preferences", "post">>("POST", "/store/email-preferences", { ...o, body }),
    },
    courses: {
      list: (query?: QueryOf<"/store/courses">, o?: CallOptions) =>
        call<ResponseOf<"/store/courses", "get">>("GET", "/store/courses", { ...o, query }),
      /** The course with tiers, the caller's access and the gated outline. */
      retrieve: (idOrHandle: string, o?: CallOptions) =>
        call<ResponseOf<"/store/courses/{id_or_handle}", "get">>("GET", `/store/courses/${seg(idOrHandle)}`, o),
      freeEnrollment: (idOrHandle: string, body: BodyOf<"/store/courses/{id_or_handle}/free-enrollment">, o?: CallOptions) =>
        call<ResponseOf<"/store/courses/{id_or_handle}/free-enrollment", "post">>("POST", `/store/courses/${seg(idOrHandle)}/free-enrollment`, {
          ...o,
          body,
        }),
    },
    lessons: {
      /** The lesson when the gate opens it; else throws a VolmifyError whose `gate` says why. */
      retrieve: (course: string, placementId: string, o?: CallOptions) =>
        call<ResponseOf<"/store/courses/{id_or_handle}/lessons/{placement_id}", "get">>("GET", lesson(course, placementId), o),
    },
    progress: {
      record: (course: string, placementId: string, body: BodyOf<"/store/courses/{id_or_handle}/lessons/{placement_id}/progress">, o?: CallOptions) =>
        call<ResponseOf<"/store/courses/{id_or_handle}/lessons/{placement_id}/progress", "post">>("POST", `${lesson(course, placementId)}/progress`, {
          ...o,
          body,
        }),
    },
    quizzes: {
      retrieve: (course: string, placementId: string, o?: CallOptions) =>
        call<ResponseOf<"/store/courses/{id_or_handle}/lessons/{placement_id}/quiz", "get">>("GET", `${lesson(course, placementId)}/quiz`, o),
      startAttempt: (course: string, placementId: string, o?: CallOptions) =>
        call<ResponseOf<"/store/courses/{id_or_handle}/lessons/{placement_id}/quiz/attempts", "post">>(
          "POST",
          `${lesson(course, placementId)}/quiz/attempts`,
          o
        ),
      retrieveAttempt: (course: string, placementId: string, attemptId: string, o?: CallOptions) =>
        call<ResponseOf<"/store/courses/{id_or_handle}/lessons/{placement_id}/quiz/attempts/{attempt_id}", "get">>(
          "GET",
          `${lesson(course, placementId)}/quiz/attempts/${seg(attemptId)}`,
          o
        ),
      submitAttempt: (
        course: string,
        placementId: string,
        attemptId: string,
        body: BodyOf<"/store/courses/{id_or_handle}/lessons/{placement_id}/quiz/attempts/{attempt_id}/submit">,
        o?: CallOptions
      ) =>
        call<ResponseOf<"/store/courses/{id_or_handle}/lessons/{placement_id}/quiz/attempts/{attempt_id}/submit", "post">>(
          "POST",
          `${lesson(course, placementId)}/quiz/attempts/${seg(attemptId)}/submit`,
          { ...o, body }
        ),
    },
    assignments: {
      retrieve: (course: string, placementId: string, o?: CallOptions) =>
        call<ResponseOf<"/store/courses/{id_or_handle}/lessons/{placement_id}/assignment", "get">>("GET", `${lesson(course, placementId)}/assignment`, o),
      submit: (
        course: string,
        placementId: string,
        body: BodyOf<"/store/courses/{id_or_handle}/lessons/{placement_id}/assignment/submissions">,
        o?: CallOptions
      ) =>
        call<ResponseOf<"/store/courses/{id_or_handle}/lessons/{placement_id}/assignment/submissions", "post">>(
          "POST",
          `${lesson(course, placementId)}/assignment/submissions`,
          { ...o, body }
        ),
    },
    enrollments: {
      /** The logged-in customer's enrollments in the org's courses. */
      list: (o?: CallOptions) => call<ResponseOf<"/store/customers/me/enrollments", "get">>("GET", "/store/customers/me/enrollments", o),
    },
    certificates: {
      list: (o?: CallOptions) => call<ResponseOf<"/store/customers/me/certificates", "get">>("GET", "/store/customers/me/certificates", o),
      /** Public verification by the code printed on a certificate (no login). */
      verify: (code: string, o?: CallOptions) =>
        call<ResponseOf<"/store/certificates/verify/{code}", "get">>("GET", `/store/certificates/verify/${seg(code)}`, o),
      /** The path of a certificate's PDF (fetch it with the customer's token). */
      pdfPath: (id: string) => `/store/customers/me/certificates/${seg(id)}/pdf`,
    },
    access: {
      entitlements: (o?: CallOptions) =>
        call<ResponseOf<"/store/customers/me/entitlements", "get">>("GET", "/store/customers/me/entitlements", o),
      upgradeQuote: (query: QueryOf<"/store/customers/me/upgrade-quote">, o?: CallOptions) =>
        call<ResponseOf<"/store/customers/me/upgrade-quote", "get">>("GET", "/store/customers/me/upgrade-quote", { ...o, query }),
      applyUpgradeCredit: (cartId: string, body: BodyOf<"/store/carts/{id}/upgrade-credit">, o?: CallOptions) =>
        call<ResponseOf<"/store/carts/{id}/upgrade-credit", "post">>("POST", `/store/carts/${seg(cartId)}/upgrade-credit`, { ...o, body }),
      claimGuestOrder: (body: BodyOf<"/store/customers/me/guest-claims">, o?: CallOptions) =>
        call<ResponseOf<"/store/customers/me/guest-claims", "post">>("POST", "/store/customers/me/guest-claims", { ...o, body }),
      emailGuestClaim: (body: BodyOf<"/store/customers/me/guest-claims/email">, o?: CallOptions) =>
        call<ResponseOf<"/store/customers/me/guest-claims/email", "post">>("POST", "/store/customers/me/guest-claims/email", { ...o, body }),
      confirmGuestClaim: (body: BodyOf<"/store/customers/me/guest-claims/confirm">, o?: CallOptions) =>
        call<ResponseOf<"/store/customers/me/guest-claims/confirm", "post">>("POST", "/store/customers/me/guest-claims/confirm", { ...o, body }),
    },
    affiliates: {
      apply: (body: BodyOf<"/store/affiliates">, o?: CallOptions) =>
        call<ResponseOf<"/store/affiliates", "post">>("POST", "/store/affiliates", { ...o, body }),
      me: (o?: CallOptions) => call<ResponseOf<"/store/affiliates/me", "get">>("GET", "/store/affiliates/me", o),
      recordClick: (body: BodyOf<"/store/affiliates/clicks">, o?: CallOptions) =>
        call<ResponseOf<"/store/affiliates/clicks", "post">>("POST", "/store/affiliates/clicks", { ...o, body }),
      attachReferral: (cartId: string, body: BodyOf<"/store/carts/{id}/referral">, o?: CallOptions) =>
        call<ResponseOf<"/store/carts/{id}/referral", "post">>("POST", `/store/carts/${seg(cartId)}/referral`, { ...o, body }),
    },
  }
}
