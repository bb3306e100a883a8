import { z } from "@medusajs/framework/zod"
import * as adminResponses from "./admin-responses"
import { ADMIN_RESPONSES } from "./admin-responses"
import { OPERATIONS, type Auth, type Operation, type Plugin } from "./operations"

/**
 * The OpenAPI 3.1 documents of the routes the Volmify plugins add, built from the same zod
 * validators the routes' middlewares use (`z.toJSONSchema`, draft 2020-12, the dialect of
 * OpenAPI 3.1) and the response schemas beside them (`api/responses`). Medusa's own routes
 * are documented by Medusa (externalDocs). Served by src/api/store/volmify/openapi.json and
 * src/api/admin/volmify/openapi.json; the typed client (packages/js-sdk) is generated from
 * the store document.
 */
export type Audience = "store" | "admin"
type JsonSchema = Record<string, any>
type Doc = Record<string, any>

// The modules each plugin's operations name their schemas from (built plugin output).
const SCHEMA_MODULES: Record<Plugin, string[]> = {
  orgs: ["@volmify/orgs/api/validators", "@volmify/orgs/api/automation-validators", "@volmify/orgs/api/webhook-validators", "@volmify/orgs/api/responses"],
  access: ["@volmify/access/api/validators", "@volmify/access/api/responses"],
  courses: ["@volmify/courses/api/validators", "@volmify/courses/api/responses"],
  attribution: ["@volmify/attribution/api/validators"],
  affiliates: ["@volmify/affiliates/api/validators", "@volmify/affiliates/api/responses"],
  analytics: ["@volmify/analytics/api/validators"],
  pages: ["@volmify/pages/api/validators", "@volmify/pages/api/responses"],
}

const loaded = new Map<Plugin, Record<string, unknown>>()
function exportsOf(plugin: Plugin): Record<string, unknown> {
  let found = loaded.get(plugin)
  if (!found) {
    found = {}
    for (const name of SCHEMA_MODULES[plugin]) Object.assign(found, require(name))
    loaded.set(plugin, found)
  }
  return found
}

/** The zod schema exported as `name` by the plugin's validators or responses (or, for admin answers, admin-responses.ts). */
export function schemaOf(plugin: Plugin, name: string): z.ZodType {
  const found = (exportsOf(plugin)[name] ?? (adminResponses as Record<string, unknown>)[name]) as z.ZodType | undefined
  if (!found || typeof found !== "object" || !("_zod" in found)) {
    throw new Error(`@volmify/${plugin} exports no zod schema named ${name}`)
  }
  return found
}

export function toJsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const out = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" }) as JsonSchema
  delete out.$schema
  return out
}

const componentName = (name: string) => name.replace(/Schema$/, "")

const KEY = { publishableKey: [] as string[] }
const SECURITY: Record<Auth, Record<string, string[]>[]> = {
  key: [KEY],
  customer: [{ ...KEY, customerBearer: [] }, { ...KEY, customerSession: [] }],
  customer_optional: [{ ...KEY, customerBearer: [] }, { ...KEY, customerSession: [] }, KEY],
  admin: [{ adminBearer: [] }, { adminSession: [] }],
  none: [],
}

const SECURITY_SCHEMES = {
  publishableKey: {
    type: "apiKey",
    in: "header",
    name: "x-publishable-api-key",
    description:
      "The org's publishable API key: it picks the tenant (org) and its sales channel. Every /store route needs it (400 without); a suspended org's key is refused.",
  },
  customerBearer: {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT",
    description: "A customer token from POST /auth/customer/emailpass (Medusa). The customer must be a member of the key's org.",
  },
  customerSession: { type: "apiKey", in: "cookie", name: "connect.sid", description: "A customer session from POST /auth/session." },
  adminBearer: {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT",
    description:
      "An admin user's token from POST /auth/user/emailpass. Org staff reach only their org (x-volmify-org picks one of several); platform operators reach every org.",
  },
  adminSession: { type: "apiKey", in: "cookie", name: "connect.sid", description: "An admin session from POST /auth/session." },
}

// Routes behind the lesson gate answer its refusals (rules/lesson-gate.ts).
const GATED = /^\/store\/courses\/\{id_or_handle\}\/lessons\/\{placement_id\}/

function operationId(op: Operation) {
  const words = op.path
    .split("/")
    .filter(Boolean)
    .map((seg) => (seg.startsWith("{") ? `by_${seg.slice(1, -1)}` : seg))
    .join("_")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
  return [op.method.toLowerCase(), ...words.map((w) => w[0].toUpperCase() + w.slice(1))].join("")
}

function parameters(op: Operation): JsonSchema[] {
  const out: JsonSchema[] = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
    name: m[1],
    in: "path",
    required: true,
    schema: { type: "string", maxLength: 200 },
  }))
  if (op.query) {
    const schema = toJsonSchema(schemaOf(op.plugin, op.query), "input")
    const required = new Set<string>(schema.required ?? [])
    for (const [name, prop] of Object.entries<JsonSchema>(schema.properties ?? {})) {
      const { description, ...rest } = prop
      out.push({ name, in: "query", required: required.has(name), schema: rest, ...(description ? { description } : {}) })
    }
  }
  return out
}

const errorRef = { $ref: "#/components/schemas/Error" }
const jsonErrorResponse = (description: string, schema: JsonSchema = errorRef) => ({
  description,
  content: { "application/json": { schema } },
})

/** The response schema's name: the operation's own, else the admin answer's (admin-responses.ts). */
export function responseOf(op: Operation): string | undefined {
  return op.response ?? (op.produces ? undefined : ADMIN_RESPONSES[`${op.method} ${op.path}`])
}

function responses(op: Operation, components: Record<string, JsonSchema>) {
  const out: Record<string, any> = {}
  const response = responseOf(op)
  // Pages (invitation, unsubscribe) answer their errors as pages too.
  const errorResponse = op.produces?.startsWith("text/html")
    ? (description: string) => ({ description, content: { "text/html": { schema: { type: "string" } } } })
    : jsonErrorResponse
  let content: Record<string, any>
  if (op.produces) {
    content = { [op.produces]: { schema: { type: "string", ...(op.produces.startsWith("text/") ? {} : { contentEncoding: "binary" }) } } }
  } else if (response) {
    const name = componentName(response)
    components[name] ??= toJsonSchema(schemaOf(op.plugin, response), "output")
    content = { "application/json": { schema: { $ref: `#/components/schemas/${name}` } } }
  } else {
    content = { "application/json": { schema: { type: "object", description: "The route's JSON answer (not described in detail yet)." } } }
  }
  for (const status of op.status ?? [200]) {
    // 204: no body at all (a beacon's answer).
    out[String(status)] = status === 204 ? { description: "No Content" } : { description: status === 201 ? "Created" : status === 202 ? "Accepted" : "OK", content }
  }
  out["400"] = errorResponse("Invalid input: the message names the field and the problem (type `invalid_data`).")
  if (op.auth !== "none" && op.auth !== "key") {
    out["401"] = errorResponse(
      "Not logged in.",
      GATED.test(op.path) ? { anyOf: [errorRef, { $ref: "#/components/schemas/AuthRequiredError" }] } : errorRef
    )
  }
  out["403"] = GATED.test(op.path)
    ? errorResponse("The lesson gate refused (`tier_required`, `drip_locked`), or the caller may not do this.", {
        anyOf: [{ $ref: "#/components/schemas/TierRequiredError" }, { $ref: "#/components/schemas/DripLockedError" }, errorRef],
      })
    : errorResponse("Forbidden: another org's record, a role that may not do this, or a suspended org.")
  out["404"] = errorResponse(op.path.includes("{") ? "Not found (also: another org's id)." : "Not found (e.g. no org answers on that host, no such record).")
  return out
}

const built = new Map<Audience, Doc>()

/** The OpenAPI 3.1 document of the store (and public) or of the admin routes of the plugins. */
export function openApiDocument(audience: Audience): Doc {
  const cached = built.get(audience)
  if (cached) return cached
  const components: Record<string, JsonSchema> = {
    Error: toJsonSchema(schemaOf("orgs", "ErrorSchema"), "output"),
  }
  if (audience === "store") {
    for (const name of ["AuthRequiredErrorSchema", "TierRequiredErrorSchema", "DripLockedErrorSchema"]) {
      components[componentName(name)] = toJsonSchema(schemaOf("courses", name), "output")
    }
  }
  const paths: Record<string, Record<string, any>> = {}
  for (const op of operationsFor(audience)) {
    const operation: Record<string, any> = {
      operationId: operationId(op),
      summary: op.summary,
      ...(op.description ? { description: op.description } : {}),
      tags: [op.plugin],
      "x-volmify-plugin": `@volmify/${op.plugin}`,
      security: SECURITY[op.auth],
      parameters: parameters(op),
      responses: responses(op, components),
    }
    if (op.body) {
      operation.requestBody = {
        required: true,
        content: { "application/json": { schema: toJsonSchema(schemaOf(op.plugin, op.body), "input") } },
      }
    } else if (op.method === "POST" && op.path === "/admin/lesson-media/video") {
      operation.requestBody = {
        required: true,
        content: { "multipart/form-data": { schema: { type: "object", properties: { file: { type: "string", contentEncoding: "binary" } }, required: ["file"] } } },
      }
    }
    paths[op.path] ??= {}
    paths[op.path][op.method.toLowerCase()] = operation
  }
  const doc: Doc = {
    openapi: "3.1.0",
    info: {
      title: audience === "store" ? "Volmify store API (plugin routes)" : "Volmify admin API (plugin routes)",
      version: "0.1.0",
      description:
        audience === "store"
          ? "Routes the Volmify plugins add to Medusa's store API, plus the public links they serve. Every /store call carries an org's publishable key (the tenant). Medusa's own store routes (products, carts, checkout, customers) are documented by Medusa: https://docs.medusajs.com/api/store"
          : "Routes the Volmify plugins add to Medusa's admin API. Org staff are scoped to their org by the org-scope gate (deny by default); platform operators see every org. Medusa's own admin routes: https://docs.medusajs.com/api/admin",
      license: { name: "MIT", identifier: "MIT" },
    },
    externalDocs: {
      description: `Medusa's own ${audience} API reference`,
      url: `https://docs.medusajs.com/api/${audience}`,
    },
    servers: [{ url: "/", description: "This Medusa server" }],
    tags: (["orgs", "access", "courses", "attribution", "affiliates", "analytics", "pages"] as Plugin[])
      .filter((p) => operationsFor(audience).some((o) => o.plugin === p))
      .map((p) => ({ name: p, description: `Routes of @volmify/${p}` })),
    paths,
    components: { schemas: components, securitySchemes: SECURITY_SCHEMES },
  }
  built.set(audience, doc)
  return doc
}

/** Store document: /store routes and the public links (/course-media, /org-invite, /email); admin: /admin. */
export function operationsFor(audience: Audience): Operation[] {
  return OPERATIONS.filter((op) => (audience === "admin" ? op.path.startsWith("/admin/") : !op.path.startsWith("/admin/")))
}
