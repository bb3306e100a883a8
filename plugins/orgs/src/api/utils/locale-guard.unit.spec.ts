import { ApiLoader, applyLocale, type MedusaNextFunction, type MedusaRequest, type MedusaResponse } from "@medusajs/framework/http"
import { guardedApplyLocale, installLocaleGuard } from "./locale-guard"

const request = (query: Record<string, unknown>, header?: string) =>
  ({ query, get: (name: string) => (name === "x-medusa-locale" ? header : undefined) }) as unknown as MedusaRequest
const res = {} as MedusaResponse

describe("guardedApplyLocale", () => {
  it("refuses a repeated or nested ?locale= with a 400 naming it, before Medusa's reader throws", async () => {
    for (const locale of [["fr", "de"], { a: "b" }, [{ x: "1" }]]) {
      const next = jest.fn()
      const req = request({ locale })
      await guardedApplyLocale(req, res, next as unknown as MedusaNextFunction)
      expect(next).toHaveBeenCalledTimes(1)
      expect(next.mock.calls[0][0]).toMatchObject({ type: "invalid_data", message: expect.stringMatching(/^locale must be one language tag/) })
      // Medusa's reader would have thrown on it (what left the request hanging).
      await expect(applyLocale(request({ locale }), res, jest.fn() as unknown as MedusaNextFunction)).rejects.toThrow()
    }
  })

  it("lets one string (or the header) through to Medusa's reader", async () => {
    const next = jest.fn()
    const req = request({ locale: "fr-fr", limit: "2" }) as MedusaRequest & { locale?: string }
    await guardedApplyLocale(req, res, next as unknown as MedusaNextFunction)
    expect(next).toHaveBeenCalledWith()
    expect(req.locale).toBe("fr-FR")
    expect(req.query).toEqual({ limit: "2" })
    const fromHeader = request({}, "pt-br") as MedusaRequest & { locale?: string }
    await guardedApplyLocale(fromHeader, res, jest.fn() as unknown as MedusaNextFunction)
    expect(fromHeader.locale).toBe("pt-BR")
  })
})

describe("installLocaleGuard", () => {
  it("swaps applyLocale for the guarded one in the API loader's hook, keeps other middlewares and a tracer set before", () => {
    const seen: unknown[] = []
    const tracer = (handler: unknown) => (seen.push(handler), handler)
    ApiLoader.traceMiddleware = tracer as typeof ApiLoader.traceMiddleware
    installLocaleGuard()
    const other = () => undefined
    expect(ApiLoader.traceMiddleware!(applyLocale, { route: "/store" })).toBe(guardedApplyLocale)
    expect(ApiLoader.traceMiddleware!(other, { route: "/store" })).toBe(other)
    expect(seen).toEqual([guardedApplyLocale, other])
    ApiLoader.traceMiddleware = undefined
  })
})
