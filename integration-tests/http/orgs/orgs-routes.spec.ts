import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import {
  AdminActor,
  createAdminUser,
  createCustomer,
  createPlatformAdmin,
  createPublishableKey,
  CustomerActor,
} from "../../helpers/actors"
import { failure } from "../../helpers/http"
import { createTestOrg, TestOrg } from "../../helpers/orgs"

jest.setTimeout(60_000)

// The @volmify/orgs shell: GET /store/org and GET /admin/orgs served by the host app.
// Org staff (employees with roles) arrive with the Orgs issue; until then an admin user
// who is not a platform operator stands for "staff" and must be refused.
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let orgA: TestOrg
    let orgB: TestOrg
    let customerA: CustomerActor
    let customerB: CustomerActor
    let staffLike: AdminActor
    let operator: AdminActor

    beforeEach(async () => {
      const container = getContainer()
      orgA = await createTestOrg(container, { handle: "org-a", name: "Org A" })
      orgB = await createTestOrg(container, { handle: "org-b", name: "Org B" })
      customerA = await createCustomer(api, orgA.key)
      customerB = await createCustomer(api, orgB.key)
      staffLike = await createAdminUser(container, api)
      operator = await createPlatformAdmin(container, api)
    })

    describe("GET /store/org", () => {
      it("needs a publishable key", async () => {
        const res = await failure(api.get("/store/org"))
        expect(res.status).toBe(400)
        expect(res.data.message).toMatch(/x-publishable-api-key/)
      })

      it("answers the key's org to anonymous visitors and to customers of either org", async () => {
        const anonA = await api.get("/store/org", { headers: orgA.key.headers })
        expect(anonA.status).toBe(200)
        expect(anonA.data.org).toEqual({ id: orgA.org.id, handle: "org-a", name: "Org A", status: "active" })

        const anonB = await api.get("/store/org", { headers: orgB.key.headers })
        expect(anonB.data.org.handle).toBe("org-b")

        // The org follows the key, never the customer: B's customer on A's storefront sees A.
        expect((await api.get("/store/org", { headers: customerA.headers })).data.org.id).toBe(orgA.org.id)
        const bOnA = await api.get("/store/org", {
          headers: { ...orgA.key.headers, authorization: customerB.headers.authorization },
        })
        expect(bOnA.data.org.id).toBe(orgA.org.id)
      })

      it("does not leak internal fields such as the sales channel id", async () => {
        const { data } = await api.get("/store/org", { headers: orgA.key.headers })
        expect(Object.keys(data.org).sort()).toEqual(["handle", "id", "name", "status"])
      })

      it("is 404 for a key whose sales channel has no org", async () => {
        const orphan = await createPublishableKey(getContainer(), { title: "orphan" })
        const res = await failure(api.get("/store/org", { headers: orphan.headers }))
        expect(res.status).toBe(404)
        expect(res.data.message).toMatch(/No org/)
      })

      it("is 403 for a suspended org", async () => {
        const suspended = await createTestOrg(getContainer(), { handle: "sleepy", status: "suspended" })
        const res = await failure(api.get("/store/org", { headers: suspended.key.headers }))
        expect(res.status).toBe(403)
        expect(res.data.message).toMatch(/sleepy.*suspended/)
      })
    })

    describe("GET /admin/orgs", () => {
      it("is 401 for anonymous callers and customers", async () => {
        expect((await failure(api.get("/admin/orgs"))).status).toBe(401)
        expect((await failure(api.get("/admin/orgs", { headers: customerA.headers }))).status).toBe(401)
        expect((await failure(api.get("/admin/orgs", { headers: customerB.headers }))).status).toBe(401)
      })

      it("is 403 for an admin user who is not a platform operator", async () => {
        const res = await failure(api.get("/admin/orgs", { headers: staffLike.headers }))
        expect(res.status).toBe(403)
        expect(res.data.message).toMatch(/platform operators/)
      })

      it("lists every org, paged, for a platform operator", async () => {
        const all = await api.get("/admin/orgs", { headers: operator.headers })
        expect(all.status).toBe(200)
        expect(all.data.count).toBe(2)
        expect(all.data.orgs.map((o: { handle: string }) => o.handle)).toEqual(["org-a", "org-b"])

        const page = await api.get("/admin/orgs?limit=1&offset=1", { headers: operator.headers })
        expect(page.data).toMatchObject({ count: 2, limit: 1, offset: 1 })
        expect(page.data.orgs.map((o: { handle: string }) => o.handle)).toEqual(["org-b"])

        const search = await api.get("/admin/orgs?q=b", { headers: operator.headers })
        expect(search.data.orgs.map((o: { handle: string }) => o.handle)).toEqual(["org-b"])
      })

      it("rejects bad query parameters with a 400 naming the field", async () => {
        const bad = await failure(api.get("/admin/orgs?limit=0", { headers: operator.headers }))
        expect(bad.status).toBe(400)
        expect(bad.data.message).toMatch(/limit/)
        const unknown = await failure(api.get("/admin/orgs?color=red", { headers: operator.headers }))
        expect(unknown.status).toBe(400)
        expect(unknown.data.message).toMatch(/color/)
      })
    })
  },
})
