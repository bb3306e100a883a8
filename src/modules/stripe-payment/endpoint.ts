/**
 * Where the Stripe client sends API calls: Stripe itself unless `apiHost` is set (a local
 * fake in tests, a proxy). Only host, port and protocol: everything else is the SDK's default.
 */
export type StripeEndpointOptions = { apiHost?: string; apiPort?: string | number; apiProtocol?: string }

export function stripeEndpoint(options: StripeEndpointOptions): { host: string; port?: number; protocol: "http" | "https" } | null {
  if (!options.apiHost) {
    return null
  }
  const protocol = options.apiProtocol === "http" ? "http" : "https"
  const port = options.apiPort === undefined || options.apiPort === "" ? undefined : Number(options.apiPort)
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
    throw new Error(`Stripe option apiPort must be a TCP port, got "${options.apiPort}"`)
  }
  return { host: options.apiHost, protocol, ...(port ? { port } : {}) }
}
