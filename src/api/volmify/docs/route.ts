import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"

/**
 * GET /volmify/docs: the API reference page (Swagger UI from the swagger-ui-dist package,
 * served from this server: no CDN). It shows the store and the admin documents of the
 * plugin routes; Medusa's own routes are linked from the documents.
 */
export async function GET(_req: MedusaRequest, res: MedusaResponse) {
  res.setHeader("content-type", "text/html; charset=utf-8")
  res.setHeader(
    "content-security-policy",
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'"
  )
  res.send(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Volmify API reference</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/volmify/docs/swagger-ui.css">
<link rel="icon" type="image/png" href="/volmify/docs/favicon-32x32.png">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/volmify/docs/swagger-ui-bundle.js"></script>
<script src="/volmify/docs/swagger-ui-standalone-preset.js"></script>
<script src="/volmify/docs/init.js"></script>
</body>
</html>`)
}
