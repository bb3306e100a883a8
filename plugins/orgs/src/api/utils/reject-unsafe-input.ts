import {
  errorHandler,
  type MedusaErrorHandlerFunction,
  type MedusaNextFunction,
  type MedusaRequest,
  type MedusaResponse,
} from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { findUnsafeInput, MAX_PARAM_LENGTH, MAX_TEXT_LENGTH } from "../../validation"
import { answerDependencyError, isDependencyError } from "./dependencies"

/**
 * Every /store, /admin and /auth request, core routes included: a NUL byte anywhere in the
 * path, query or JSON body, an over-long path segment or query value, or a malformed
 * percent-escape is a 400 naming where, before any route reads it. Path parameters are
 * never validated by a route's zod schema, and PostgreSQL answers a NUL with an error that
 * Medusa turns into a 500. Body lengths are the route schemas' business (shared `text()`).
 */
export function rejectUnsafeInput(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  const problem = findRequestProblem(req)
  if (problem) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, problem)
  }
  next()
}

function findRequestProblem(req: MedusaRequest): string | null {
  const rawPath = (req.originalUrl || req.url || "").split("?")[0]
  for (const segment of rawPath.split("/")) {
    let decoded: string
    try {
      decoded = decodeURIComponent(segment)
    } catch {
      return `The path segment "${segment.slice(0, 40)}" has a malformed percent-escape`
    }
    const found = findUnsafeInput(decoded, "path segment", MAX_PARAM_LENGTH)
    if (found) return `A ${found.where} ${found.problem}`
  }
  const inQuery = findUnsafeInput(req.query, "query", MAX_TEXT_LENGTH)
  if (inQuery) return `The ${inQuery.where} ${inQuery.problem}`
  if (req.body && typeof req.body === "object" && !Buffer.isBuffer(req.body)) {
    const inBody = findUnsafeInput(req.body, "body", Number.POSITIVE_INFINITY)
    if (inBody) return `The ${inBody.where} ${inBody.problem}`
  }
  return null
}

/**
 * The app's error handler: Medusa's, except that a malformed percent-escape in a path
 * (Express throws a URIError while matching a route's `:params`, before any middleware of
 * ours runs) is the client's 400, not an "unknown error" 500.
 */
export function volmifyErrorHandler(): MedusaErrorHandlerFunction {
  const medusa = errorHandler() as unknown as MedusaErrorHandlerFunction
  return (error: unknown, req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) => {
    // PostgreSQL or Redis lost during the request: the client may retry (503), it did nothing wrong (500).
    if (isDependencyError(error) && !res.headersSent) return answerDependencyError(res)
    const httpError = (typeof error === "object" && error !== null ? error : {}) as { status?: unknown; message?: unknown }
    if (error instanceof URIError || (httpError.status === 400 && /decode param/i.test(String(httpError.message)))) {
      const path = String(req.originalUrl || req.url || "").split("?")[0].slice(0, 120)
      return medusa(new MedusaError(MedusaError.Types.INVALID_DATA, `The path "${path}" has a malformed percent-escape`), req, res, next)
    }
    return medusa(error, req, res, next)
  }
}
