import { assertPeersPresent, validatePluginOptions } from "./check-install"

describe("@volmify/access load checks", () => {
  it("accepts autoCaptureDigitalOrders as a boolean and names it otherwise", () => {
    expect(validatePluginOptions({ autoCaptureDigitalOrders: false })).toEqual({ autoCaptureDigitalOrders: false })
    expect(() => validatePluginOptions({ autoCaptureDigitalOrders: "false" })).toThrow(
      /@volmify\/access: invalid plugin options.*"autoCaptureDigitalOrders"/
    )
    expect(() => validatePluginOptions({ autoCapture: true })).toThrow(/unknown option "autoCapture"/)
  })

  it("names @volmify/orgs when it is not registered", () => {
    expect(() => assertPeersPresent(["@volmify/access"])).toThrow(/@volmify\/access needs the plugin @volmify\/orgs/)
    expect(() => assertPeersPresent(["@volmify/orgs", "@volmify/access"])).not.toThrow()
  })
})
