import { ApiLoader, applyLocale, type MedusaNextFunction, type MedusaRequest, type MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"

type Tracer = NonNullable<typeof ApiLoader.traceMiddleware>
type Handler = Parameters<Tracer>[0]

/**
 * Medusa's `applyLocale` (every `/store` request, before any route middleware) reads
 * `?locale=` with `normalizeLocale(value).split(...)`: a repeated or nested parameter
 * (`?locale[]=a&locale[]=b`, `?locale[a]=b`) is an array or object there, the async
 * middleware throws, Express 4 never hears of it, and the request hangs until the client
 * gives up (a socket held per request, on Medusa's own store routes too). This one refuses
 * such a value with a 400 naming the parameter and hands any other failure to the error
 * handler, then lets Medusa's run.
 */
export async function guardedApplyLocale(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  const asked = req.query?.locale
  if (asked !== undefined && typeof asked !== "string") {
    return next(new MedusaError(MedusaError.Types.INVALID_DATA, "locale must be one language tag such as en or pt-BR, given once"))
  }
  try {
    await applyLocale(req, res, next)
  } catch (error) {
    next(error)
  }
}

let installed = false

/**
 * Puts `guardedApplyLocale` where Medusa's API loader registers `applyLocale`, through the
 * loader's own middleware hook (`ApiLoader.traceMiddleware`, which OpenTelemetry's
 * instrumentation also uses: a tracer set before this keeps wrapping every middleware).
 * Must run before the loader registers its store middlewares: the orgs plugin's
 * `api/middlewares.ts` calls it when the loader imports it, which is before.
 */
export function installLocaleGuard() {
  if (installed) return
  installed = true
  const previous = ApiLoader.traceMiddleware
  ApiLoader.traceMiddleware = (handler: Handler, route) => {
    const used = handler === (applyLocale as unknown as Handler) ? (guardedApplyLocale as unknown as Handler) : handler
    return previous ? previous(used, route) : used
  }
}
