/** The lock every write to a page's versions or publication takes (saves, publish, restore). */
export const pageLockKey = (pageId: string) => `pages:page:${pageId}`
/** Seconds to wait for the lock, and how long a crashed holder keeps it. */
export const PAGE_LOCK = { timeout: 15, ttl: 30 } as const
