import { assertPeersPresent, validatePluginOptions } from "./check-install"

describe("@volmify/courses load checks", () => {
  it("accepts the documented options and fills nothing in", () => {
    const options = { media_url_ttl_seconds: 300, media_delivery: "stream" as const, mux: { signing_key_id: "k", private_key: "p" } }
    expect(validatePluginOptions(options)).toEqual(options)
    expect(validatePluginOptions(undefined)).toEqual({})
  })

  it("names the option that has the wrong type or value", () => {
    expect(() => validatePluginOptions({ media_url_ttl_seconds: "600" })).toThrow(/@volmify\/courses.*"media_url_ttl_seconds"/)
    expect(() => validatePluginOptions({ media_delivery: "cdn" })).toThrow(/"media_delivery"/)
    expect(() => validatePluginOptions({ cloudflare_stream: { key_id: "k", private_key: "p", customer_code: "x.evil" } })).toThrow(
      /"cloudflare_stream.customer_code" must be the letters and digits/
    )
  })

  it("names an unknown option (a typo is not silently ignored)", () => {
    expect(() => validatePluginOptions({ media_url_ttl: 600 })).toThrow(/unknown option "media_url_ttl"/)
  })

  it("names the peer plugin that is not registered", () => {
    expect(() => assertPeersPresent(["@volmify/orgs", "@volmify/courses"])).toThrow(
      /@volmify\/courses needs the plugin @volmify\/access, which is installed but not registered/
    )
    expect(() => assertPeersPresent(["@volmify/access", "@volmify/courses"])).toThrow(/needs the plugin @volmify\/orgs/)
    expect(() => assertPeersPresent(["@volmify/orgs", "@volmify/access", "@volmify/courses"])).not.toThrow()
  })
})
