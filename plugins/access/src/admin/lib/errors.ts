/** The message of a failed admin request, or a fallback. */
export const errorText = (e: unknown, fallback: string) => (e instanceof Error && e.message ? e.message : fallback)
