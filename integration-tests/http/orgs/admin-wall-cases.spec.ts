import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type { AdminActor, Api } from "../../helpers/actors"
import { uniqueEmail } from "../../helpers/actors"
import { createTwoOrgFixture, TwoOrgFixture } from "../../helpers/orgs"

jest.setTimeout(240_000)

// Issue 19, admin side: uploads (types by content, served safely), invitations bound to
// the invited email, and the role matrix (self-attribution, creators' catalog).

type Res = { status: number; data: any; headers: Record<string, string> }
const ok = { validateStatus: () => true }

const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64")
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
const HTML = Buffer.from("<!doctype html><script>fetch('/admin/users/me')</script>")
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.cookie)"></svg>')

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let fx: TwoOrgFixture
    const employeeId = async (orgId: string, actor: AdminActor) =>
      (await getContainer().resolve<any>("org").listOrgEmployees({ org_id: orgId, user_id: actor.user.id }))[0].id

    const upload = async (headers: Record<string, string>, name: string, content: Buffer, type: string): Promise<Res> => {
      const form = new FormData()
      form.append("files", new Blob([content], { type }), name)
      return (api as any).post("/admin/uploads", form, { ...ok, headers })
    }

    beforeAll(async () => {
      fx = await createTwoOrgFixture(getContainer(), api as Api, { prefix: "wall" })
    })

    describe("uploads", () => {
      it("refuses .html and .svg from an org owner, naming why, whatever the name and type claim", async () => {
        const owner = fx.a.staff.owner.headers
        for (const [name, content, type] of [
          ["page.html", HTML, "text/html"],
          ["logo.svg", SVG, "image/svg+xml"],
          ["cover.png", HTML, "image/png"],
        ] as const) {
          const res = await upload(owner, name, content, type)
          expect([name, res.status, res.data.message]).toEqual([
            name,
            400,
            `"${name}" is content of no known type (text, HTML or SVG); staff may upload images (not SVG), PDF, video, audio and office documents`,
          ])
        }
      })

      it("actor matrix of POST /admin/uploads: anonymous and customers 401, staff of either org and platform 200", async () => {
        const expected: [string, Record<string, string>, number][] = [
          ["anonymous", {}, 401],
          ["customer A", { authorization: fx.a.customer.headers.authorization }, 401],
          ["customer B", { authorization: fx.b.customer.headers.authorization }, 401],
          ["staff A (creator)", fx.a.staff.creator.headers, 200],
          ["staff B (owner)", fx.b.staff.owner.headers, 200],
          ["staff A (staff role)", fx.a.staff.staff.headers, 403],
          ["platform", fx.platform.headers, 200],
        ]
        const seen = []
        for (const [who, headers] of expected) seen.push([who, (await upload(headers, "a.png", PNG, "image/png")).status])
        expect(seen).toEqual(expected.map(([who, , status]) => [who, status]))
      })

      it("serves a stored file with nosniff, a sandbox CSP, its proven type, and attachment unless image or video", async () => {
        const image = await upload(fx.a.staff.owner.headers, "cover.html", PNG, "text/html")
        expect(image.status).toBe(200)
        const imageUrl = new URL(image.data.files[0].url)
        expect(imageUrl.pathname).toMatch(/^\/uploads\/.*cover\.png$/)
        const served = await (api as any).get(imageUrl.pathname, { ...ok, responseType: "arraybuffer" })
        expect(served.status).toBe(200)
        expect(served.headers["content-type"]).toBe("image/png")
        expect(served.headers["x-content-type-options"]).toBe("nosniff")
        expect(served.headers["content-security-policy"]).toBe("default-src 'none'; sandbox")
        expect(served.headers["content-disposition"]).toBeUndefined()
        expect(Buffer.from(served.data).equals(PNG)).toBe(true)

        const doc = await upload(fx.a.staff.owner.headers, "notes.pdf", PDF, "application/pdf")
        const docPath = new URL(doc.data.files[0].url).pathname
        const pdf = await (api as any).get(docPath, ok)
        expect(pdf.headers["content-type"]).toBe("application/pdf")
        expect(pdf.headers["x-content-type-options"]).toBe("nosniff")
        expect(pdf.headers["content-disposition"]).toMatch(/^attachment; filename=".*notes\.pdf"$/)
        expect((await (api as any).get("/uploads/missing.html", ok)).status).toBe(404)
      })
    })

    describe("invitations", () => {
      const invite = async (email: string) => {
        const res = await (api as any).post(`/admin/orgs/${fx.a.org.id}/invitations`, { email, role: "creator" }, { ...ok, headers: fx.a.staff.owner.headers })
        expect(res.status).toBe(201)
        return res.data.token as string
      }

      it("a new user registering with another email cannot take the invitation (403), the invited email can", async () => {
        const invited = uniqueEmail("invited")
        const token = await invite(invited)
        const thief = uniqueEmail("thief")
        const reg = await (api as any).post("/auth/user/emailpass/register", { email: thief, password: "thief-password-1" }, ok)
        const taken = await (api as any).post("/admin/org-invitations/accept", { token }, { ...ok, headers: { authorization: `Bearer ${reg.data.token}` } })
        expect(taken.status).toBe(403)
        expect(taken.data.message).toBe(`This invitation is for ${invited}; you registered as ${thief}. Register with the invited email`)
        const users = await getContainer().resolve("user").listUsers({ email: [invited, thief] })
        expect(users).toEqual([])
        const right = await (api as any).post("/auth/user/emailpass/register", { email: invited, password: "invited-password-1" }, ok)
        const accepted = await (api as any).post("/admin/org-invitations/accept", { token }, { ...ok, headers: { authorization: `Bearer ${right.data.token}` } })
        expect(accepted.status).toBe(200)
        expect(accepted.data.employee).toMatchObject({ org_id: fx.a.org.id, role: "creator" })
      })

      it("an existing user logged in with another email cannot accept (403)", async () => {
        const token = await invite(uniqueEmail("invited2"))
        const res = await (api as any).post("/admin/org-invitations/accept", { token }, { ...ok, headers: fx.b.staff.owner.headers })
        expect(res.status).toBe(403)
        expect(res.data.message).toMatch(/^This invitation is for invited2\..*; you are logged in as /)
      })
    })

    describe("role matrix", () => {
      it("a manager cannot create (or raise) a rule paying themselves; an owner can, and a manager can for others", async () => {
        const product = await (api as any).post("/admin/products", { title: "Shares", options: [{ title: "T", values: ["x"] }], variants: [{ title: "x", options: { T: "x" }, prices: [{ currency_code: "usd", amount: 10 }] }] }, { ...ok, headers: fx.a.staff.owner.headers })
        expect(product.status).toBe(200)
        const url = `/admin/products/${product.data.product.id}/attribution-rules`
        const manager = await employeeId(fx.a.org.id, fx.a.staff.manager)
        const creator = await employeeId(fx.a.org.id, fx.a.staff.creator)
        const rules = () => getContainer().resolve<any>("attribution").listAttributionRules({ product_id: product.data.product.id })
        const self = await (api as any).post(url, { employee_id: manager, role: "manager", type: "percent", percent_bps: 10000 }, { ...ok, headers: fx.a.staff.manager.headers })
        expect(self.status).toBe(403)
        expect(self.data.message).toBe("A rule that pays you needs an owner's or admin's approval: ask one of them to set it (you are manager)")
        expect(await rules()).toHaveLength(0)
        const forOther = await (api as any).post(url, { employee_id: creator, role: "creator", type: "percent", percent_bps: 1000 }, { ...ok, headers: fx.a.staff.manager.headers })
        expect(forOther.status).toBe(201)
        const byOwner = await (api as any).post(url, { employee_id: manager, role: "manager", type: "percent", percent_bps: 500 }, { ...ok, headers: fx.a.staff.owner.headers })
        expect(byOwner.status).toBe(201)
        const raise = await (api as any).post(`/admin/attribution-rules/${byOwner.data.attribution_rule.id}`, { percent_bps: 9000 }, { ...ok, headers: fx.a.staff.manager.headers })
        expect(raise.status).toBe(403)
        expect((await rules()).map((r: any) => r.percent_bps).sort()).toEqual([1000, 500])
      })

      it("a creator cannot change prices of or delete a product they are not attributed on; they can once attributed", async () => {
        const make = async (title: string) => {
          const res = await (api as any).post("/admin/products", { title, options: [{ title: "T", values: ["x"] }], variants: [{ title: "x", options: { T: "x" }, prices: [{ currency_code: "usd", amount: 10 }] }] }, { ...ok, headers: fx.a.staff.owner.headers })
          expect(res.status).toBe(200)
          return res.data.product
        }
        const theirs = await make("Creator's course")
        const other = await make("Someone else's course")
        const creator = fx.a.staff.creator.headers
        const creatorEmployee = await employeeId(fx.a.org.id, fx.a.staff.creator)
        const assign = await (api as any).post(`/admin/products/${theirs.id}/attribution-rules`, { employee_id: creatorEmployee, role: "creator", type: "percent", percent_bps: 5000 }, { ...ok, headers: fx.a.staff.owner.headers })
        expect(assign.status).toBe(201)

        const price = (p: any) => ({ update: [{ id: p.variants[0].id, prices: [{ currency_code: "usd", amount: 1 }] }] })
        const refusedPrice = await (api as any).post(`/admin/products/${other.id}/variants/batch`, price(other), { ...ok, headers: creator })
        expect(refusedPrice.status).toBe(403)
        expect(refusedPrice.data.message).toBe(`A creator may only change products they are attributed on (product ${other.id})`)
        const refusedDelete = await (api as any).delete(`/admin/products/${other.id}`, { ...ok, headers: creator })
        expect(refusedDelete.status).toBe(403)
        const refusedEdit = await (api as any).post(`/admin/products/${other.id}`, { title: "Mine now" }, { ...ok, headers: creator })
        expect(refusedEdit.status).toBe(403)
        const still = await (api as any).get(`/admin/products/${other.id}?fields=id,title,variants.prices.amount`, { ...ok, headers: fx.a.staff.owner.headers })
        expect(still.data.product.title).toBe("Someone else's course")
        expect(still.data.product.variants[0].prices[0].amount).toBe(10)

        // Actor matrix on the attributed product's price change.
        const expected: [string, Record<string, string>, number][] = [
          ["anonymous", {}, 401],
          ["customer A", { authorization: fx.a.customer.headers.authorization }, 401],
          ["staff B (owner)", fx.b.staff.owner.headers, 404],
          ["staff A (staff role)", fx.a.staff.staff.headers, 403],
          ["staff A (creator, attributed)", creator, 200],
          ["staff A (manager)", fx.a.staff.manager.headers, 200],
          ["platform", fx.platform.headers, 200],
        ]
        const seen = []
        for (const [who, headers] of expected) {
          seen.push([who, (await (api as any).post(`/admin/products/${theirs.id}/variants/batch`, price(theirs), { ...ok, headers })).status])
        }
        expect(seen).toEqual(expected.map(([who, , status]) => [who, status]))
        expect((await (api as any).delete(`/admin/products/${theirs.id}`, { ...ok, headers: creator })).status).toBe(200)
      })
    })
  },
})
