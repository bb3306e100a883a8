import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { asValue } from "@medusajs/framework/awilix"
import { send } from "../../helpers/http"
import { createTwoOrgFixture, TwoOrgFixture } from "../../helpers/orgs"
import { runFailingAfter } from "../../helpers/workflows"

/**
 * Issue 20, domain squatting: a claim costs nothing, so an unverified claim must not block
 * the hostname's real owner. A claim is verified by a DNS TXT record carrying its token
 * (the resolver is the container's `volmifyDomainTxtResolver`; here a table the test
 * fills, as a DNS provider would), and a hostname is unique among verified claims. The
 * store's host -> org resolution sees verified hostnames only.
 */
jest.setTimeout(300_000)

import { DOMAIN_TXT_RESOLVER } from "@volmify/orgs/testing"
import * as wf from "@volmify/orgs/workflows"

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let f: TwoOrgFixture
    /** name -> TXT answer; a name absent answers ENOTFOUND; "timeout" answers ETIMEOUT. */
    const dnsZone = new Map<string, string[][] | "timeout">()
    const lookups: string[] = []

    beforeAll(async () => {
      getContainer().register(
        DOMAIN_TXT_RESOLVER,
        asValue({
          async resolveTxt(name: string) {
            lookups.push(name)
            const answer = dnsZone.get(name)
            if (answer === "timeout") throw Object.assign(new Error("timeout"), { code: "ETIMEOUT" })
            if (!answer) throw Object.assign(new Error("not found"), { code: "ENOTFOUND" })
            return answer
          },
        })
      )
      f = await createTwoOrgFixture(getContainer(), api, { prefix: "dom" })
    })

    const claim = (side: "a" | "b", hostname: string) =>
      send(api, "post", `/admin/orgs/${f[side].org.id}/domains`, f[side].owner.headers, { hostname })
    const verify = (side: "a" | "b", domainId: string, headers = f[side].owner.headers) =>
      send(api, "post", `/admin/orgs/${f[side].org.id}/domains/${domainId}/verify`, headers, {})
    const resolveHost = (host: string) => send(api, "get", `/store/orgs/resolve?host=${host}`, f.a.key.headers)

    it("an unverified claim does not block the real owner; the DNS record decides; then the hostname is unique", async () => {
      const host = `school-${Date.now()}.example`
      const squat = await claim("b", host)
      expect(squat.status).toBe(201)
      expect(squat.data.domain.verified_at).toBeNull()
      expect(squat.data.domain).not.toHaveProperty("verification_token")
      expect(squat.data.domain.verification).toEqual({
        type: "TXT",
        name: `_volmify-challenge.${host}`,
        value: expect.stringMatching(/^volmify-domain-verification=[0-9a-f]{32}$/),
      })
      // The real owner claims it too (this was a 422 before).
      const owned = await claim("a", host)
      expect(owned.status).toBe(201)
      expect(owned.data.domain.verification.value).not.toBe(squat.data.domain.verification.value)
      // Claiming it twice in one org is refused.
      expect((await claim("a", host)).status).toBe(422)

      // No record yet: 400 naming the record to create; nothing resolves.
      const missing = await verify("a", owned.data.domain.id)
      expect(missing.status).toBe(400)
      expect(missing.data.message).toContain(`_volmify-challenge.${host}`)
      expect(missing.data.message).toContain(owned.data.domain.verification.value)
      expect((await resolveHost(host)).status).toBe(404)

      // A record carrying the squatter's token does not verify the owner's claim.
      dnsZone.set(`_volmify-challenge.${host}`, [[squat.data.domain.verification.value]])
      expect((await verify("a", owned.data.domain.id)).status).toBe(400)
      // The owner publishes its record (split in chunks, beside others, as DNS may answer).
      const [prefix, token] = owned.data.domain.verification.value.split("=")
      dnsZone.set(`_volmify-challenge.${host}`, [["v=spf1 -all"], [`${prefix}=`, token]])
      const ok = await verify("a", owned.data.domain.id)
      expect(ok.status).toBe(200)
      expect(ok.data.domain.verified_at).not.toBeNull()
      expect(ok.data.domain.verification).toBeNull()
      expect(lookups).toContain(`_volmify-challenge.${host}`)

      const resolved = await resolveHost(host)
      expect(resolved.status).toBe(200)
      expect(resolved.data.org.id).toBe(f.a.org.id)

      // Now unique: the squatter cannot verify (even with the record), claim again, or be verified by the platform.
      dnsZone.set(`_volmify-challenge.${host}`, [[squat.data.domain.verification.value]])
      const late = await verify("b", squat.data.domain.id)
      expect(late.status).toBe(422)
      expect(late.data.message).toMatch(/already verified by another org/)
      expect((await claim("b", host.toUpperCase())).status).toBe(422)
      const forced = await send(api, "post", `/admin/orgs/${f.b.org.id}/domains/${squat.data.domain.id}`, f.platform.headers, { verified: true })
      expect(forced.status).toBe(422)
      expect((await resolveHost(host)).data.org.id).toBe(f.a.org.id)
      // Verifying again is harmless.
      expect((await verify("a", owned.data.domain.id)).status).toBe(200)
    })

    it("verify: actor matrix, and DNS errors answer 400 naming the problem", async () => {
      const host = `matrix-${Date.now()}.example`
      const { data } = await claim("a", host)
      const id = data.domain.id
      const url = `/admin/orgs/${f.a.org.id}/domains/${id}/verify`
      const statuses: Record<string, number> = {}
      const actors: Record<string, Record<string, string>> = {
        anonymous: {},
        "customer of A": f.a.customer.headers,
        "customer of B": f.b.customer.headers,
        "staff of A (staff role)": f.a.staff.staff.headers,
        "staff of A (manager)": f.a.staff.manager.headers,
        "staff of B (owner)": f.b.owner.headers,
        "platform admin": f.platform.headers,
        "staff of A (admin)": f.a.staff.admin.headers,
      }
      for (const [name, headers] of Object.entries(actors)) statuses[name] = (await send(api, "post", url, headers, {})).status
      expect(statuses).toEqual({
        anonymous: 401,
        "customer of A": 401,
        "customer of B": 401,
        "staff of A (staff role)": 403,
        "staff of A (manager)": 403,
        "staff of B (owner)": 404,
        "platform admin": 400,
        "staff of A (admin)": 400,
      })
      // Another org's domain id under one's own org: 404.
      expect((await verify("b", id)).status).toBe(404)

      dnsZone.set(`_volmify-challenge.${host}`, "timeout")
      const failed = await verify("a", id)
      expect(failed.status).toBe(400)
      expect(failed.data.message).toMatch(/DNS lookup .* failed \(ETIMEOUT\)/)

      dnsZone.set(`_volmify-challenge.${host}`, [[data.domain.verification.value]])
      const { data: org } = await api.get(`/admin/orgs/${f.a.org.id}`, { headers: f.a.staff.admin.headers })
      expect(org.org.domains.find((d: any) => d.id === id).verification.name).toBe(`_volmify-challenge.${host}`)
      expect((await verify("a", id, f.a.staff.admin.headers)).status).toBe(200)
      const { data: after } = await api.get(`/admin/orgs/${f.a.org.id}/domains`, { headers: f.a.staff.staff.headers })
      expect(after.domains.find((d: any) => d.id === id)).toMatchObject({ hostname: host, verification: null })
    })

    it("a verification that fails after its update rolls back: the claim stays unverified", async () => {
      const host = `rollback-${Date.now()}.example`
      const { data } = await claim("a", host)
      dnsZone.set(`_volmify-challenge.${host}`, [[data.domain.verification.value]])
      const { errors } = await runFailingAfter(wf.verifyOrgDomainWorkflow(getContainer()), "update-org-domains", {
        org_id: f.a.org.id,
        domain_id: data.domain.id,
      })
      expect(errors).toHaveLength(1)
      const [row] = await getContainer().resolve<any>("org").listOrgDomains({ id: data.domain.id })
      expect(row.verified_at).toBeNull()
      expect((await resolveHost(host)).status).toBe(404)
    })
  },
})
