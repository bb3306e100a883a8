export const productLock = (productId: string) => `attribution:product:${productId}`
