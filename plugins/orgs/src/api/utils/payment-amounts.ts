import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { amountLeft, PaymentAmountAction, paymentAmountProblem } from "../../rules/payment-amount"

/**
 * POST /admin/payments/:id/capture and /refund, for every caller (after core's body
 * validation and the admin gate): the amount must fit the payment's currency and what is
 * left on it, else a 400 naming the problem before anything is written
 * (rules/payment-amount.ts). An unknown payment is left to core's 404.
 */
export const checkPaymentAmount =
  (action: PaymentAmountAction) => async (req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) => {
    const amount = (req.validatedBody as { amount?: unknown } | undefined)?.amount
    if (amount === undefined) return next()
    const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
    const {
      data: [payment],
    } = await query.graph({
      entity: "payment",
      fields: ["id", "currency_code", "amount", "captures.amount", "refunds.amount"],
      filters: { id: req.params.id },
    })
    if (!payment) return next()
    const problem = paymentAmountProblem(action, amount, { currency_code: payment.currency_code, left: amountLeft(action, payment) })
    if (problem) throw new MedusaError(MedusaError.Types.INVALID_DATA, problem)
    next()
  }
