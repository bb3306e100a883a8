import { assertPeersPresent, validatePluginOptions } from "./check-install"

describe("@volmify/access load checks", () => {
  it("accepts autoCaptureDigitalOrders as a boolean and names it otherwise", () => {
    expect(validatePluginOptions({ autoCaptureDigitalOrders: false })).toEqual({ autoCaptureDigitalOrders: false })
    expect(() => validatePluginOptions({ autoCaptureDigitalOrders: "false" })).toThrow(
      /@volmify\/access: invalid plugin options.*"autoCaptureDigitalOrders"/
    )
    expect(() => validatePluginOptions({ autoCapture: true })).toThrow(/unknown option "autoCapture"/)
  })

  it("accepts subscriptionRetryDays, the documented dunning schedule, and names it when wrong", () => {
    // It was documented (README, options.ts) but refused as unknown: setting it stopped the app at boot.
    expect(validatePluginOptions({ subscriptionRetryDays: [1, 2, 7] })).toEqual({ subscriptionRetryDays: [1, 2, 7] })
    expect(() => validatePluginOptions({ subscriptionRetryDays: [0] })).toThrow(/"subscriptionRetryDays\.0".*1 day or more/)
    expect(() => validatePluginOptions({ subscriptionRetryDays: [] })).toThrow(/at least one day/)
    expect(() => validatePluginOptions({ subscriptionRetryDays: [1.5] })).toThrow(/whole days/)
  })

  it("names @volmify/orgs when it is not registered", () => {
    expect(() => assertPeersPresent(["@volmify/access"])).toThrow(/@volmify\/access needs the plugin @volmify\/orgs/)
    expect(() => assertPeersPresent(["@volmify/orgs", "@volmify/access"])).not.toThrow()
  })
})
