/**
 * `model.json()` columns are typed as objects by Medusa's generated service types, but
 * several of ours hold arrays (automation steps, webhook events). The value is stored as
 * is; this only tells the type checker so.
 */
export type JsonColumn = Record<string, unknown>
export const asJsonColumn = (value: readonly unknown[]): JsonColumn => value as unknown as JsonColumn
