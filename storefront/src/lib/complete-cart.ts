import "server-only"
import { store, StoreError } from "./medusa"

/** Completes a cart whose payment is authorized: the order's id, or why it failed. */
export async function completeCart(cartId: string): Promise<{ order_id: string } | { error: string }> {
  try {
    const result = await store<{ type: string; order?: { id: string }; error?: { message: string } }>(
      `/store/carts/${cartId}/complete`,
      { method: "POST" }
    )
    if (result.type === "order" && result.order) return { order_id: result.order.id }
    return { error: result.error?.message ?? "The payment failed" }
  } catch (error) {
    if (error instanceof StoreError) return { error: error.message }
    throw error
  }
}
