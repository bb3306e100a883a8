import Medusa from "@medusajs/js-sdk"

// The host app's admin bundler defines these globals, so the plugin follows whatever
// backend URL and auth mode the host dashboard uses.
export const sdk = new Medusa({
  baseUrl: typeof __BACKEND_URL__ !== "undefined" && __BACKEND_URL__ ? __BACKEND_URL__ : "/",
  auth: {
    type: typeof __AUTH_TYPE__ !== "undefined" && __AUTH_TYPE__ ? __AUTH_TYPE__ : "session",
  },
})
