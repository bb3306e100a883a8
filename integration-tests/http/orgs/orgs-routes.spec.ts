import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { AdminActor, createCustomer, createPublishableKey, uniqueEmail } from "../../helpers/actors"
import { failure, send } from "../../helpers/http"
import { collectIds, createTwoOrgFixture, ROLES, Role, TwoOrgFixture } from "../../helpers/orgs"

jest.setTimeout(180_000)

type Actor = { name: string; headers: Record<string, string> }
type Expect = number | ((status: number) => boolean)

// The @volmify/orgs routes under the actor matrix: anonymous, customer of A and of B,
// staff of A in every role, staff of B, an admin user of no org, a platform operator.
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let f: TwoOrgFixture
    const orgs = () => getContainer().resolve<any>("org")

    // Built once; the runner restores the database to this state before every test.
    beforeAll(async () => {
      f = await createTwoOrgFixture(getContainer(), api, { prefix: "r" })
    })

    const adminActors = (): (Actor & { role?: Role | "platform" | "b" | "none" | "customer" | "anon" })[] => [
      { name: "anonymous", headers: {}, role: "anon" },
      { name: "customer of A", headers: { authorization: f.a.customer.headers.authorization }, role: "customer" },
      { name: "customer of B", headers: { authorization: f.b.customer.headers.authorization }, role: "customer" },
      ...ROLES.map((r) => ({ name: `${r} of A`, headers: f.a.staff[r].headers, role: r })),
      { name: "owner of B", headers: f.b.staff.owner.headers, role: "b" as const },
      { name: "admin user of no org", headers: f.outsider.headers, role: "none" as const },
      { name: "platform operator", headers: f.platform.headers, role: "platform" as const },
    ]

    /** Status expected for an /admin/orgs/:id(A) route allowing `allowed` roles of A. */
    const orgRoute = (allowed: (Role | "platform")[]) => (role: string) => {
      if (role === "anon" || role === "customer") return 401
      if (role === "b" || role === "none") return 404
      return allowed.includes(role as Role) || role === "platform" ? "ok" : 403
    }

    const call = (method: "get" | "post" | "delete", url: string, headers: Record<string, string>, body?: unknown) =>
      send(api, method, url, headers, body)

    /** Runs every admin actor against a route; `body` may vary per actor for writes. */
    async function matrix(
      method: "get" | "post" | "delete",
      url: string | ((actor: string) => string),
      expected: (role: string) => number | "ok",
      body?: (actor: string) => unknown
    ) {
      const seen: string[] = []
      for (const actor of adminActors()) {
        const target = typeof url === "function" ? url(actor.name) : url
        const res = await call(method, target, actor.headers, body?.(actor.name))
        const want = expected(actor.role!)
        const ok = want === "ok" ? res.status >= 200 && res.status < 300 : res.status === want
        seen.push(`${actor.name}: ${res.status}${ok ? "" : ` (expected ${want}) ${JSON.stringify(res.data)}`}`)
        if (res.status < 300 && actor.role !== "platform") {
          // Nothing of org B ever reaches org A's people (and vice versa).
          const other = actor.role === "b" ? f.a : f.b
          const ids = collectIds(res.data)
          expect([other.org.id, other.org.sales_channel_id, other.key.token].filter((id) => ids.has(id))).toEqual([])
        }
      }
      expect(seen.filter((s) => s.includes("expected"))).toEqual([])
      return seen
    }

    describe("store routes", () => {
      it("GET /store/org: the key's org with branding, for anonymous visitors and any customer", async () => {
        await api.post(
          `/admin/orgs/${f.a.org.id}`,
          { branding: { primary_color: "#0f766e", font: "serif", default_locale: "en", locales: ["en", "de"] }, support_email: "help@a.test" },
          { headers: f.a.staff.owner.headers }
        )
        expect((await failure(api.get("/store/org"))).status).toBe(400)
        for (const headers of [f.a.key.headers, f.a.customer.headers, { ...f.a.key.headers, authorization: f.b.customer.headers.authorization }]) {
          const { data } = await api.get("/store/org", { headers })
          expect(data.org).toEqual({
            id: f.a.org.id,
            handle: f.a.org.handle,
            name: "Org A",
            support_email: "help@a.test",
            branding: { logo_url: null, primary_color: "#0f766e", accent_color: null, font: "serif", default_locale: "en" },
            locales: ["en", "de"],
            default_currency_code: null,
          })
        }
        expect((await api.get("/store/org", { headers: f.b.key.headers })).data.org.id).toBe(f.b.org.id)
        const orphan = await createPublishableKey(getContainer(), { title: "orphan" })
        const res = await failure(api.get("/store/org", { headers: orphan.headers }))
        expect(res).toMatchObject({ status: 404, data: { message: expect.stringMatching(/No org/) } })
      })

      it("a suspended org's key stops working on every store route, and works again on reactivation", async () => {
        const orphan = await createPublishableKey(getContainer(), { title: "orphan" })
        const denied = await failure(api.post(`/admin/orgs/${f.a.org.id}/suspend`, {}, { headers: f.a.staff.owner.headers }))
        expect(denied.status).toBe(403)
        await api.post(`/admin/orgs/${f.a.org.id}/suspend`, {}, { headers: f.platform.headers })
        for (const url of ["/store/org", "/store/products", "/store/regions", "/store/customers/me"]) {
          const res = await failure(api.get(url, { headers: f.a.customer.headers }))
          expect([url, res.status, res.data.message]).toEqual([url, 403, expect.stringMatching(/suspended/)])
        }
        expect((await api.get("/store/products", { headers: f.b.key.headers })).status).toBe(200)
        expect((await api.get("/store/products", { headers: orphan.headers })).status).toBe(200)
        // Its staff still read their org; the platform sees the status.
        expect((await api.get(`/admin/orgs/${f.a.org.id}`, { headers: f.a.staff.staff.headers })).data.org.status).toBe("suspended")
        await api.post(`/admin/orgs/${f.a.org.id}/reactivate`, {}, { headers: f.platform.headers })
        expect((await api.get("/store/org", { headers: f.a.customer.headers })).status).toBe(200)
      })

      it("GET /store/orgs/resolve: a verified hostname's org and key; 404 unknown/unverified; 400 without host", async () => {
        const { data: added } = await api.post(
          `/admin/orgs/${f.a.org.id}/domains`,
          { hostname: "learn.org-a.test" },
          { headers: f.a.staff.admin.headers }
        )
        const unverified = await failure(api.get("/store/orgs/resolve?host=learn.org-a.test", { headers: f.b.key.headers }))
        expect(unverified).toMatchObject({ status: 404, data: { message: 'No org answers on "learn.org-a.test"' } })
        const selfVerify = await failure(
          api.post(`/admin/orgs/${f.a.org.id}/domains/${added.domain.id}`, { verified: true }, { headers: f.a.staff.owner.headers })
        )
        expect(selfVerify).toMatchObject({ status: 403, data: { message: "Only platform operators can verify a domain" } })
        await api.post(`/admin/orgs/${f.a.org.id}/domains/${added.domain.id}`, { verified: true }, { headers: f.platform.headers })
        for (const headers of [f.a.key.headers, f.b.key.headers, f.b.customer.headers]) {
          const { data } = await api.get("/store/orgs/resolve?host=LEARN.org-a.test:443", { headers })
          expect(data).toEqual({
            org: { id: f.a.org.id, handle: f.a.org.handle, name: "Org A" },
            hostname: "learn.org-a.test",
            publishable_key: f.a.key.token,
          })
        }
        expect((await failure(api.get("/store/orgs/resolve?host=nowhere.test", { headers: f.a.key.headers }))).status).toBe(404)
        const missing = await failure(api.get("/store/orgs/resolve", { headers: f.a.key.headers }))
        expect(missing.status).toBe(400)
        expect(missing.data.message).toMatch(/host/)
      })

      it("registering on a storefront makes a member once; another org's customer joins explicitly", async () => {
        const members = async (orgId: string) => (await orgs().listOrgMembers({ org_id: orgId })).map((m: any) => m.customer_id)
        expect(await members(f.a.org.id)).toEqual([f.a.customer.customer.id])
        expect(await members(f.b.org.id)).toEqual([f.b.customer.customer.id])

        expect((await failure(api.get("/store/org/membership", { headers: f.a.key.headers }))).status).toBe(401)
        expect((await api.get("/store/org/membership", { headers: f.a.customer.headers })).data.member.type).toBe("learner")
        const bOnA = { ...f.a.key.headers, authorization: f.b.customer.headers.authorization }
        const notYet = await failure(api.get("/store/org/membership", { headers: bOnA }))
        expect(notYet).toMatchObject({ status: 404, data: { message: "You are not a member of Org A" } })
        const joined = await api.post("/store/org/membership", { type: "community" }, { headers: bOnA })
        expect(joined.status).toBe(201)
        expect(joined.data.member).toMatchObject({ org_id: f.a.org.id, customer_id: f.b.customer.customer.id, type: "community" })
        const again = await api.post("/store/org/membership", {}, { headers: bOnA })
        expect(again.status).toBe(200)
        expect(await members(f.a.org.id)).toHaveLength(2)
        const bad = await failure(api.post("/store/org/membership", { type: "vip" }, { headers: bOnA }))
        expect(bad.status).toBe(400)
        expect(bad.data.message).toMatch(/type/)
      })
    })

    describe("admin routes: the actor matrix", () => {
      it("GET /admin/orgs: all orgs for the platform, own orgs with role for staff, 403 for others", async () => {
        await matrix("get", "/admin/orgs", (role) =>
          role === "anon" || role === "customer" ? 401 : role === "none" ? 403 : "ok"
        )
        const mine = await api.get("/admin/orgs", { headers: f.a.staff.creator.headers })
        expect(mine.data.orgs).toEqual([expect.objectContaining({ id: f.a.org.id, role: "creator" })])
        const all = await api.get("/admin/orgs?q=Org", { headers: f.platform.headers })
        expect(all.data.orgs.map((o: any) => o.id)).toEqual([f.a.org.id, f.b.org.id])
        const bad = await failure(api.get("/admin/orgs?limit=0", { headers: f.platform.headers }))
        expect(bad).toMatchObject({ status: 400, data: { message: expect.stringMatching(/limit/) } })
      })

      it("POST /admin/orgs: platform operators only; duplicate handle 422; bad input 400", async () => {
        const owner = f.outsider
        let n = 0
        await matrix(
          "post",
          "/admin/orgs",
          (role) => (role === "anon" || role === "customer" ? 401 : role === "platform" ? "ok" : 403),
          () => ({ handle: `new-org-${++n}`, name: "New", owner_user_id: owner.user.id })
        )
        const { data } = await api.get("/admin/orgs", { headers: owner.headers })
        expect(data.orgs).toEqual([expect.objectContaining({ role: "owner" })])
        const dup = await failure(
          api.post("/admin/orgs", { handle: f.a.org.handle, name: "Dup", owner_user_id: owner.user.id }, { headers: f.platform.headers })
        )
        expect(dup).toMatchObject({ status: 422, data: { message: expect.stringMatching(/already exists/) } })
        const bad = await failure(
          api.post("/admin/orgs", { handle: "x-y", name: "X", owner_user_id: owner.user.id, branding: { primary_color: "red" } }, { headers: f.platform.headers })
        )
        expect(bad.status).toBe(400)
        expect(bad.data.message).toMatch(/primary_color/)
        const noOwner = await failure(api.post("/admin/orgs", { handle: "x-z", name: "X", owner_user_id: "user_nope" }, { headers: f.platform.headers }))
        expect(noOwner).toMatchObject({ status: 404, data: { message: expect.stringMatching(/user_nope/) } })
      })

      it("GET /admin/orgs/:id: every role of A reads; keys only for owners/admins; B and others 404", async () => {
        await matrix("get", `/admin/orgs/${f.a.org.id}`, orgRoute(ROLES))
        const owner = await api.get(`/admin/orgs/${f.a.org.id}`, { headers: f.a.staff.owner.headers })
        expect(owner.data.org.api_keys.map((k: any) => k.token)).toEqual([f.a.key.token])
        const staff = await api.get(`/admin/orgs/${f.a.org.id}`, { headers: f.a.staff.staff.headers })
        expect(staff.data.org.api_keys).toBeUndefined()
        expect((await failure(api.get(`/admin/orgs/org_unknown`, { headers: f.platform.headers }))).status).toBe(404)
      })

      it("POST /admin/orgs/:id: owners/admins edit settings; platform fee only by the platform", async () => {
        let n = 0
        await matrix("post", `/admin/orgs/${f.a.org.id}`, orgRoute(["owner", "admin"]), () => ({ name: `Org A ${++n}` }))
        const fee = await failure(
          api.post(`/admin/orgs/${f.a.org.id}`, { settings: { platform_fee_bps: 0 } }, { headers: f.a.staff.owner.headers })
        )
        expect(fee).toMatchObject({ status: 403, data: { message: expect.stringMatching(/settings.platform_fee_bps/) } })
        const ok = await api.post(
          `/admin/orgs/${f.a.org.id}`,
          { settings: { processing_fee_bps: 290, default_currency_code: "usd" } },
          { headers: f.a.staff.admin.headers }
        )
        expect(ok.data.org.settings).toEqual({ processing_fee_bps: 290, default_currency_code: "usd" })
        const platform = await api.post(`/admin/orgs/${f.a.org.id}`, { settings: { platform_fee_bps: 500 } }, { headers: f.platform.headers })
        expect(platform.data.org.settings).toEqual({ processing_fee_bps: 290, default_currency_code: "usd", platform_fee_bps: 500 })
        const bad = await failure(api.post(`/admin/orgs/${f.a.org.id}`, { settings: { processing_fee_bps: 20000 } }, { headers: f.platform.headers }))
        expect(bad.status).toBe(400)
        expect(bad.data.message).toMatch(/processing_fee_bps/)
        const unknown = await failure(api.post(`/admin/orgs/${f.a.org.id}`, { handle: "nope" }, { headers: f.platform.headers }))
        expect(unknown.status).toBe(400)
      })

      it("suspend and reactivate: platform operators only", async () => {
        await matrix("post", `/admin/orgs/${f.a.org.id}/suspend`, (role) =>
          role === "anon" || role === "customer" ? 401 : role === "b" || role === "none" ? 404 : role === "platform" ? "ok" : 403
        )
        await matrix("post", `/admin/orgs/${f.a.org.id}/reactivate`, (role) =>
          role === "anon" || role === "customer" ? 401 : role === "b" || role === "none" ? 404 : role === "platform" ? "ok" : 403
        )
        const noop = await failure(api.post(`/admin/orgs/${f.a.org.id}/reactivate`, {}, { headers: f.platform.headers }))
        expect(noop).toMatchObject({ status: 400, data: { message: expect.stringMatching(/is active, not suspended/) } })
      })

      it("domains: everyone reads, owners/admins add and remove; a hostname twice in one org 422", async () => {
        let n = 0
        await matrix("post", `/admin/orgs/${f.a.org.id}/domains`, orgRoute(["owner", "admin"]), () => ({ hostname: `d${++n}.org-a.test` }))
        const seen = await api.get(`/admin/orgs/${f.a.org.id}/domains`, { headers: f.a.staff.staff.headers })
        expect(seen.data.domains.map((d: any) => [d.hostname, d.is_primary])).toEqual([
          ["d4.org-a.test", true],
          ["d5.org-a.test", false],
          ["d11.org-a.test", false],
        ])
        await matrix("get", `/admin/orgs/${f.a.org.id}/domains`, orgRoute(ROLES))
        // Another org's unverified claim blocks nobody (issue 20: squatting); twice in one org is a 422.
        const squat = await api.post(`/admin/orgs/${f.b.org.id}/domains`, { hostname: "D4.org-a.test" }, { headers: f.b.staff.owner.headers })
        expect(squat.status).toBe(201)
        const dup = await failure(api.post(`/admin/orgs/${f.a.org.id}/domains`, { hostname: "D4.org-a.test" }, { headers: f.a.staff.owner.headers }))
        expect(dup).toMatchObject({ status: 422, data: { message: 'This org already has the hostname "d4.org-a.test"' } })
        const bad = await failure(api.post(`/admin/orgs/${f.b.org.id}/domains`, { hostname: "no spaces.test" }, { headers: f.b.staff.owner.headers }))
        expect(bad.status).toBe(400)
        const target = seen.data.domains[2].id
        await matrix("delete", `/admin/orgs/${f.a.org.id}/domains/${target}`, (role) =>
          role === "owner" ? "ok" : role === "admin" || role === "platform" ? 404 : orgRoute(["owner"])(role)
        )
        // B's owner cannot touch A's domain through B's org either.
        const cross = await failure(api.delete(`/admin/orgs/${f.b.org.id}/domains/${seen.data.domains[0].id}`, { headers: f.b.staff.owner.headers }))
        expect(cross.status).toBe(404)
      })

      it("employees: everyone reads with emails; owners/admins change roles; last owner kept; self-profile", async () => {
        const list = await matrix("get", `/admin/orgs/${f.a.org.id}/employees`, orgRoute(ROLES))
        expect(list).toHaveLength(adminActors().length)
        const { data } = await api.get(`/admin/orgs/${f.a.org.id}/employees`, { headers: f.a.staff.staff.headers })
        expect(data.employees.map((e: any) => [e.role, e.user.email])).toEqual(ROLES.map((r) => [r, f.a.staff[r].user.email]))
        const byRole = Object.fromEntries(data.employees.map((e: any) => [e.role, e.id]))

        const change = (who: AdminActor, employee: string, body: unknown) =>
          call("post", `/admin/orgs/${f.a.org.id}/employees/${employee}`, who.headers, body)
        expect((await change(f.a.staff.manager, byRole.staff, { role: "creator" })).status).toBe(403)
        expect((await change(f.b.staff.owner, byRole.staff, { role: "creator" })).status).toBe(404)
        expect((await change(f.a.staff.admin, byRole.staff, { role: "creator" })).data.employee.role).toBe("creator")
        const escalate = await change(f.a.staff.admin, byRole.manager, { role: "owner" })
        expect(escalate).toMatchObject({ status: 400, data: { message: "Only an owner can grant or remove the owner role" } })
        const last = await change(f.a.staff.owner, byRole.owner, { role: "admin" })
        expect(last).toMatchObject({ status: 400, data: { message: "The org must keep at least one owner" } })
        const unknownRole = await change(f.a.staff.owner, byRole.staff, { role: "superuser" })
        expect(unknownRole.status).toBe(400)
        expect(unknownRole.data.message).toMatch(/owner, admin, manager, creator, staff.*role/)
        // Anyone may edit their own profile, not someone else's, and not their own role.
        expect((await change(f.a.staff.creator, byRole.creator, { title: "Lead author" })).data.employee.title).toBe("Lead author")
        expect((await change(f.a.staff.creator, byRole.manager, { title: "x" })).status).toBe(403)
        expect((await change(f.a.staff.creator, byRole.creator, { role: "admin" })).status).toBe(403)

        const remove = (who: AdminActor, employee: string) => call("delete", `/admin/orgs/${f.a.org.id}/employees/${employee}`, who.headers)
        expect((await remove(f.a.staff.manager, byRole.staff)).status).toBe(403)
        expect((await remove(f.b.staff.owner, byRole.staff)).status).toBe(404)
        expect((await remove(f.a.staff.owner, byRole.owner)).data.message).toBe("The org must keep at least one owner")
        expect((await remove(f.a.staff.admin, byRole.staff)).status).toBe(200)
        expect((await failure(api.get(`/admin/orgs/${f.a.org.id}`, { headers: f.a.staff.staff.headers }))).status).toBe(404)
      })

      it("staff removal (issue 22): nobody removes or deactivates themselves; the last owner is never removed, demoted or deactivated", async () => {
        const employees = async () =>
          (await api.get(`/admin/orgs/${f.a.org.id}/employees`, { headers: f.platform.headers })).data.employees as any[]
        const byRole = Object.fromEntries((await employees()).map((e: any) => [e.role, e.id]))
        const ownerId = byRole.owner
        const adminId = byRole.admin
        const ownerUrl = `/admin/orgs/${f.a.org.id}/employees/${ownerId}`
        // Removing org A's only owner, by every actor: nobody may, each hears why.
        const seen = await matrix("delete", ownerUrl, (role) => {
          if (role === "anon" || role === "customer") return 401
          if (role === "b" || role === "none") return 404
          return role === "owner" || role === "admin" || role === "platform" ? 400 : 403
        })
        expect(seen).toHaveLength(adminActors().length)
        const refusal = async (who: Record<string, string>, method: "post" | "delete", url: string, body?: unknown) =>
          (await call(method, url, who, body)).data.message
        expect(await refusal(f.a.staff.owner.headers, "delete", ownerUrl)).toBe("The org must keep at least one owner")
        expect(await refusal(f.a.staff.admin.headers, "delete", ownerUrl)).toBe("Only an owner can remove an owner")
        expect(await refusal(f.platform.headers, "delete", ownerUrl)).toBe("The org must keep at least one owner")
        // ...nor demote or deactivate them (the platform operator neither).
        expect(await call("post", ownerUrl, f.platform.headers, { role: "admin" })).toMatchObject({ status: 400, data: { message: "The org must keep at least one owner" } })
        expect(await call("post", ownerUrl, f.platform.headers, { status: "inactive" })).toMatchObject({ status: 400, data: { message: "The org must keep at least one owner" } })
        expect(await call("post", ownerUrl, f.a.staff.owner.headers, { status: "inactive" })).toMatchObject({ status: 400, data: { message: "The org must keep at least one owner" } })
        // An admin cannot remove or deactivate themselves either.
        const adminUrl = `/admin/orgs/${f.a.org.id}/employees/${adminId}`
        expect(await call("delete", adminUrl, f.a.staff.admin.headers)).toMatchObject({
          status: 400,
          data: { message: "You cannot remove yourself from the org's staff; another owner or admin can" },
        })
        expect(await call("post", adminUrl, f.a.staff.admin.headers, { status: "inactive" })).toMatchObject({
          status: 400,
          data: { message: "You cannot deactivate yourself; another owner or admin can" },
        })

        // With a second owner, the first still cannot remove or deactivate themselves; the other owner can.
        expect((await call("post", adminUrl, f.a.staff.owner.headers, { role: "owner" })).status).toBe(200)
        expect(await call("delete", ownerUrl, f.a.staff.owner.headers)).toMatchObject({
          status: 400,
          data: { message: "You cannot remove yourself from the org's staff; another owner or admin can" },
        })
        expect((await call("post", ownerUrl, f.a.staff.owner.headers, { status: "inactive" })).status).toBe(400)
        // Nothing was half-written: both owners are active employees.
        expect((await employees()).filter((e: any) => e.role === "owner").map((e: any) => [e.id, e.status]).sort()).toEqual(
          [[ownerId, "active"], [adminId, "active"]].sort()
        )
        // B's owner cannot reach A's staff at all.
        expect((await call("delete", ownerUrl, f.b.staff.owner.headers)).status).toBe(404)
        expect((await call("delete", ownerUrl, f.a.staff.admin.headers)).status).toBe(200)
        expect((await employees()).map((e: any) => e.id)).not.toContain(ownerId)
        // The remaining owner is now the last one.
        expect(await call("delete", adminUrl, f.platform.headers)).toMatchObject({ status: 400, data: { message: "The org must keep at least one owner" } })
      })

      it("invitations: managers+ invite (managers need approval), the invitee accepts with the token", async () => {
        let n = 0
        await matrix("post", `/admin/orgs/${f.a.org.id}/invitations`, orgRoute(["owner", "admin", "manager"]), () => ({
          email: `invitee${++n}@example.com`,
          role: "staff",
        }))
        await matrix("get", `/admin/orgs/${f.a.org.id}/invitations`, orgRoute(ROLES))
        const listed = await api.get(`/admin/orgs/${f.a.org.id}/invitations?status=pending`, { headers: f.a.staff.staff.headers })
        expect(listed.data.invitations.length).toBe(4)
        expect(JSON.stringify(listed.data)).not.toMatch(/token/)

        const email = uniqueEmail("joiner")
        const byManager = await api.post(`/admin/orgs/${f.a.org.id}/invitations`, { email, role: "creator" }, { headers: f.a.staff.manager.headers })
        expect(byManager.data.invitation.approved_at).toBeNull()
        const tooHigh = await failure(api.post(`/admin/orgs/${f.a.org.id}/invitations`, { email: "x@example.com", role: "admin" }, { headers: f.a.staff.manager.headers }))
        expect(tooHigh).toMatchObject({ status: 403, data: { message: "A manager cannot invite someone as admin" } })
        const twice = await failure(api.post(`/admin/orgs/${f.a.org.id}/invitations`, { email, role: "creator" }, { headers: f.a.staff.owner.headers }))
        expect(twice.status).toBe(409)

        const token = byManager.data.token
        // The invitation link opens a public page that signs up or logs in, then accepts.
        const page = await api.get(`/org-invite?token=${encodeURIComponent(token)}`)
        expect(page.headers["content-type"]).toMatch(/text\/html/)
        expect(page.data).toContain("Join an organization")
        expect(page.data).toContain(JSON.stringify(token))
        const hostile = await api.get(`/org-invite?token=${encodeURIComponent('"</script><script>alert(1)</script>')}`)
        expect(hostile.data).not.toContain("<script>alert(1)")
        const lookup = await api.get(`/admin/org-invitations/lookup?token=${token}`)
        expect(lookup.data.invitation).toMatchObject({ email, role: "creator", status: "pending", approved_at: null, org: { name: "Org A" } })

        // A new user signs up and accepts: refused until an owner/admin approves.
        await api.post("/auth/user/emailpass/register", { email, password: "joiner-password-1" })
        const reg = await api.post("/auth/user/emailpass/register", { email: uniqueEmail("other"), password: "pw-123456789" })
        const registration = (await api.post("/auth/user/emailpass", { email, password: "joiner-password-1" }).catch(() => null))?.data?.token
        const regToken = registration ?? reg.data.token
        const early = await failure(api.post("/admin/org-invitations/accept", { token }, { headers: { authorization: `Bearer ${regToken}` } }))
        expect(early).toMatchObject({ status: 400, data: { message: expect.stringMatching(/waiting for approval/) } })
        await matrix(
          "post",
          `/admin/orgs/${f.a.org.id}/invitations/${byManager.data.invitation.id}/approve`,
          (role) => (role === "owner" ? "ok" : role === "admin" || role === "platform" ? 400 : orgRoute(["owner"])(role))
        )
        // Approval emails the invitee a fresh link: the one the manager saw stops working.
        const stale = await failure(api.post("/admin/org-invitations/accept", { token }, { headers: { authorization: `Bearer ${regToken}` } }))
        expect(stale).toMatchObject({ status: 404, data: { message: "The invitation token is unknown" } })
        const fresh = (await api.post(`/admin/orgs/${f.a.org.id}/invitations/${byManager.data.invitation.id}/resend`, {}, { headers: f.a.staff.owner.headers })).data.token
        const accepted = await api.post(
          "/admin/org-invitations/accept",
          { token: fresh, first_name: "Jo" },
          { headers: { authorization: `Bearer ${regToken}` } }
        )
        expect(accepted.data.employee).toMatchObject({ org_id: f.a.org.id, role: "creator" })
        const login = await api.post("/auth/user/emailpass", { email, password: "joiner-password-1" })
        const me = await api.get(`/admin/orgs/${f.a.org.id}`, { headers: { authorization: `Bearer ${login.data.token}` } })
        expect(me.data.org.role).toBe("creator")
        const reuse = await failure(api.post("/admin/org-invitations/accept", { token: fresh }, { headers: { authorization: `Bearer ${login.data.token}` } }))
        expect(reuse).toMatchObject({ status: 400, data: { message: "The invitation was already accepted" } })
        const unknown = await failure(api.post("/admin/org-invitations/accept", { token: "u".repeat(43) }, { headers: { authorization: `Bearer ${login.data.token}` } }))
        expect(unknown).toMatchObject({ status: 404, data: { message: "The invitation token is unknown" } })
        const anonymous = await failure(api.post("/admin/org-invitations/accept", { token: fresh }))
        expect(anonymous.status).toBe(401)
      })

      it("invitations: cancel and resend by owners/admins or the inviter; decline by token", async () => {
        const invite = async (who: AdminActor, email: string) =>
          (await api.post(`/admin/orgs/${f.a.org.id}/invitations`, { email, role: "staff" }, { headers: who.headers })).data
        const mine = await invite(f.a.staff.manager, "m1@example.com")
        const theirs = await invite(f.a.staff.admin, "a1@example.com")
        expect((await failure(api.post(`/admin/orgs/${f.a.org.id}/invitations/${theirs.invitation.id}/cancel`, {}, { headers: f.a.staff.manager.headers }))).status).toBe(403)
        expect((await failure(api.post(`/admin/orgs/${f.a.org.id}/invitations/${theirs.invitation.id}/cancel`, {}, { headers: f.b.staff.owner.headers }))).status).toBe(404)
        expect((await failure(api.post(`/admin/orgs/${f.a.org.id}/invitations/${mine.invitation.id}/cancel`, {}, { headers: f.a.staff.creator.headers }))).status).toBe(403)
        const resent = await api.post(`/admin/orgs/${f.a.org.id}/invitations/${mine.invitation.id}/resend`, { expires_in_days: 2 }, { headers: f.a.staff.manager.headers })
        expect(resent.data.token).not.toBe(mine.token)
        expect((await failure(api.get(`/admin/org-invitations/lookup?token=${mine.token}`))).status).toBe(404)
        const cancelled = await api.post(`/admin/orgs/${f.a.org.id}/invitations/${mine.invitation.id}/cancel`, {}, { headers: f.a.staff.manager.headers })
        expect(cancelled.data.invitation.status).toBe("cancelled")
        const declined = await api.post("/admin/org-invitations/decline", { token: theirs.token })
        expect(declined.data.invitation.status).toBe("declined")
        const again = await failure(api.post("/admin/org-invitations/decline", { token: theirs.token }))
        expect(again).toMatchObject({ status: 400, data: { message: "The invitation was already declined" } })
        const short = await failure(api.post("/admin/org-invitations/decline", { token: "x" }))
        expect(short.status).toBe(400)
        expect(short.data.message).toMatch(/token/)
      })

      it("org switcher: staff of two orgs choose the org the dashboard shows; the header overrides", async () => {
        const both = f.a.staff.creator
        const [employee] = await orgs().listOrgEmployees({ org_id: f.b.org.id, user_id: both.user.id })
        expect(employee).toBeUndefined()
        await orgs().createOrgEmployees({ org_id: f.b.org.id, user_id: both.user.id, role: "manager" })
        const before = await api.get("/admin/orgs", { headers: both.headers })
        expect(before.data.orgs.map((o: any) => [o.id, o.role, o.active])).toEqual([
          [f.a.org.id, "creator", true],
          [f.b.org.id, "manager", false],
        ])
        // Switching to an org one is not staff of is a 404.
        const notMine = await failure(api.post(`/admin/orgs/${f.b.org.id}/activate`, {}, { headers: f.a.staff.owner.headers }))
        expect(notMine.status).toBe(404)
        await api.post(`/admin/orgs/${f.b.org.id}/activate`, {}, { headers: both.headers })
        const after = await api.get("/admin/orgs", { headers: both.headers })
        expect(after.data.orgs.map((o: any) => o.active)).toEqual([false, true])
        const members = await api.get("/admin/customers", { headers: both.headers })
        expect(members.data.customers.map((c: any) => c.id)).toEqual([f.b.customer.customer.id])
        const pinned = await api.get("/admin/customers", { headers: { ...both.headers, "x-volmify-org": f.a.org.handle } })
        expect(pinned.data.customers.map((c: any) => c.id)).toEqual([f.a.customer.customer.id])
        const foreign = await failure(api.get("/admin/customers", { headers: { ...f.a.staff.owner.headers, "x-volmify-org": f.b.org.id } }))
        expect(foreign.status).toBe(403)
      })

      it("first operator (issue 28): the shipped medusa-exec script turns an existing admin user into a platform operator", async () => {
        // Installing the suite into an existing store: its admins are neither operators nor staff.
        const { default: makeOperator, parseEmails } = require("@volmify/orgs/scripts/make-platform-operator")
        const products = async () => (await send(api, "get", "/admin/products", f.outsider.headers)).status
        expect(await products()).toBe(403)
        const container = getContainer()
        // Refusals name the problem and change nothing.
        await expect(makeOperator({ container, args: [] })).rejects.toThrow(/Name the admin user/)
        await expect(makeOperator({ container, args: ["not-an-email"] })).rejects.toThrow("Not an email address: not-an-email")
        await expect(makeOperator({ container, args: [f.outsider.user.email, "nobody@example.com"] })).rejects.toThrow(
          /No admin user has the email nobody@example.com/
        )
        expect(await orgs().isPlatformOperator(f.outsider.user.id)).toBe(false)
        expect(parseEmails([" A@x.io ", "a@x.io"])).toEqual(["A@x.io"])

        // Any case of the address finds the user; a second run is a no-op.
        expect(await makeOperator({ container, args: [f.outsider.user.email.toUpperCase()] })).toEqual([f.outsider.user.id])
        expect(await makeOperator({ container, args: [f.outsider.user.email] })).toEqual([])
        expect(await products()).toBe(200)
        const { data } = await api.get(`/admin/orgs/${f.b.org.id}`, { headers: f.outsider.headers })
        expect(data.org.id).toBe(f.b.org.id)
      })

      it("members: every role of A reads A's members only", async () => {
        await matrix("get", `/admin/orgs/${f.a.org.id}/members`, orgRoute(ROLES))
        const { data } = await api.get(`/admin/orgs/${f.a.org.id}/members`, { headers: f.a.staff.staff.headers })
        expect(data.members.map((m: any) => [m.customer_id, m.customer.email, m.type])).toEqual([
          [f.a.customer.customer.id, f.a.customer.customer.email, "learner"],
        ])
      })
    })
  },
})
