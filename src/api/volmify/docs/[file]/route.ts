import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { createReadStream } from "node:fs"
import path from "node:path"
import { openApiDocument } from "../../../../openapi/document"

// The viewer's own files (swagger-ui-dist), by name: nothing else of node_modules is served.
const ASSETS: Record<string, string> = {
  "swagger-ui.css": "text/css; charset=utf-8",
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
  "swagger-ui-standalone-preset.js": "text/javascript; charset=utf-8",
  "favicon-32x32.png": "image/png",
}

// The page's start script (a file, so the page's CSP needs no inline script).
const INIT = `window.onload = function () {
  window.ui = SwaggerUIBundle({
    urls: [
      { url: "/volmify/docs/store.json", name: "Store API (plugin routes)" },
      { url: "/volmify/docs/admin.json", name: "Admin API (plugin routes)" }
    ],
    dom_id: "#swagger-ui",
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: "StandaloneLayout"
  })
}
`

/** GET /volmify/docs/:file: the reference page's documents (store.json, admin.json) and viewer files. */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const file = req.params.file
  if (file === "store.json" || file === "admin.json") {
    res.setHeader("cache-control", "public, max-age=300")
    res.json(openApiDocument(file === "store.json" ? "store" : "admin"))
    return
  }
  if (file === "init.js") {
    res.setHeader("content-type", "text/javascript; charset=utf-8")
    res.send(INIT)
    return
  }
  const type = ASSETS[file]
  if (!type) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `No docs file named ${file}`)
  }
  const dir = path.dirname(require.resolve("swagger-ui-dist/package.json"))
  res.setHeader("content-type", type)
  res.setHeader("cache-control", "public, max-age=86400")
  createReadStream(path.join(dir, file)).pipe(res)
}
