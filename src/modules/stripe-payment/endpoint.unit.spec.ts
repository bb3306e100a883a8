import { stripeEndpoint } from "./endpoint"

describe("stripeEndpoint", () => {
  it("is null without a host: the SDK's own default (api.stripe.com over https)", () => {
    expect(stripeEndpoint({})).toBeNull()
    expect(stripeEndpoint({ apiPort: "12111", apiProtocol: "http" })).toBeNull()
  })

  it("takes host, port and protocol; anything but http is https", () => {
    expect(stripeEndpoint({ apiHost: "127.0.0.1", apiPort: "12111", apiProtocol: "http" })).toEqual({ host: "127.0.0.1", port: 12111, protocol: "http" })
    expect(stripeEndpoint({ apiHost: "stripe-proxy.internal", apiProtocol: "ftp" })).toEqual({ host: "stripe-proxy.internal", protocol: "https" })
  })

  it("refuses a port that is not a TCP port, naming it", () => {
    expect(() => stripeEndpoint({ apiHost: "localhost", apiPort: "http" })).toThrow('apiPort must be a TCP port, got "http"')
    expect(() => stripeEndpoint({ apiHost: "localhost", apiPort: 70000 })).toThrow(/apiPort/)
  })
})
