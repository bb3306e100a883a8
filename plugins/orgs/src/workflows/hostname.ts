export const normalizeHostname = (hostname: string) => hostname.trim().toLowerCase().replace(/\.$/, "")
