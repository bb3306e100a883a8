#!/usr/bin/env node
// A minimal storefront on the Volmify store API, through @volmify/js-sdk: the org behind a
// publishable key, its courses, one course's outline as a customer sees it, and why a
// locked lesson is locked (the lesson gate's `tier_required` / `drip_locked` answers).
//
//   MEDUSA_BACKEND_URL=http://localhost:9000 MEDUSA_PUBLISHABLE_KEY=pk_... \
//   [CUSTOMER_EMAIL=... CUSTOMER_PASSWORD=...] node docs/examples/storefront.mjs
import { VolmifySdk, VolmifyError } from "@volmify/js-sdk"

const baseUrl = process.env.MEDUSA_BACKEND_URL ?? "http://localhost:9000"
const publishableKey = process.env.MEDUSA_PUBLISHABLE_KEY
if (!publishableKey) {
  console.error("Set MEDUSA_PUBLISHABLE_KEY to an org's publishable key (Settings > Publishable API keys)")
  process.exit(2)
}

// The key picks the org (tenant). Tokens are kept in memory for this script.
const sdk = new VolmifySdk({ baseUrl, publishableKey, auth: { type: "jwt", jwtTokenStorageMethod: "memory" } })

const { org } = await sdk.volmify.org.retrieve()
console.log(`Org: ${org.name} (${org.handle})`)

// Logging in is Medusa's own auth route; the customer must be a member of this org.
if (process.env.CUSTOMER_EMAIL) {
  await sdk.auth.login("customer", "emailpass", { email: process.env.CUSTOMER_EMAIL, password: process.env.CUSTOMER_PASSWORD ?? "" })
  const { enrollments } = await sdk.volmify.enrollments.list()
  console.log(`Logged in as ${process.env.CUSTOMER_EMAIL}: ${enrollments.length} enrollment(s)`)
}

const { courses, count } = await sdk.volmify.courses.list({ limit: 20 })
console.log(`${count} published course(s): ${courses.map((c) => c.handle).join(", ")}`)

for (const summary of courses) {
  const { course } = await sdk.volmify.courses.retrieve(summary.handle)
  console.log(`\n${course.title} [${course.handle}]: your tier ${course.access.tier}, ${course.access.progress_percent}% done`)
  for (const lesson of course.modules.flatMap((m) => m.sections.flatMap((s) => s.lessons))) {
    try {
      const { lesson: open } = await sdk.volmify.lessons.retrieve(course.handle, lesson.id)
      console.log(`  ${open.title}: open (${open.type})`)
    } catch (error) {
      if (!(error instanceof VolmifyError) || !error.gate) throw error
      const gate = error.gate
      const why =
        gate.code === "tier_required"
          ? `needs tier ${gate.required_tier}, you have ${gate.current_tier}`
          : gate.code === "drip_locked"
            ? `opens ${gate.available_at}`
            : "log in first"
      console.log(`  ${lesson.title}: locked (${gate.code}: ${why})`)
    }
  }
}
