import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import path from "node:path"
import { ORG_MODULE } from ".."
import OrgModuleService from "../service"

jest.setTimeout(30_000)

moduleIntegrationTestRunner<OrgModuleService>({
  moduleName: ORG_MODULE,
  resolve: path.join(__dirname, ".."),
  testSuite: ({ service }) => {
    describe("org module", () => {
      it("creates an org active by default and finds it by its sales channel", async () => {
        const org = await service.createOrgs({ handle: "acme", name: "Acme", sales_channel_id: "sc_1" })
        expect(org.id).toMatch(/^org_/)
        expect(org.status).toBe("active")
        expect((await service.retrieveOrgBySalesChannel("sc_1"))?.id).toBe(org.id)
        expect(await service.retrieveOrgBySalesChannel("sc_unknown")).toBeNull()
        // `select` reads only those columns; JSON columns come back parsed; deleted orgs are gone.
        await service.updateOrgs({ id: org.id, branding: { primary_color: "#123456" } })
        expect(await service.retrieveOrgBySalesChannel(["sc_1"], ["id", "status", "branding"])).toEqual({
          id: org.id,
          status: "active",
          branding: { primary_color: "#123456" },
        })
        await service.softDeleteOrgs([org.id])
        expect(await service.retrieveOrgBySalesChannel("sc_1")).toBeNull()
        await service.restoreOrgs([org.id])
      })

      it("refuses a second org with the same handle", async () => {
        await service.createOrgs({ handle: "acme", name: "Acme", sales_channel_id: "sc_1" })
        await expect(
          service.createOrgs({ handle: "acme", name: "Other", sales_channel_id: "sc_2" })
        ).rejects.toThrow(/handle/)
        expect(await service.listOrgs({ handle: "acme" })).toHaveLength(1)
      })

      it("refuses two orgs on one sales channel", async () => {
        await service.createOrgs({ handle: "one", name: "One", sales_channel_id: "sc_1" })
        await expect(
          service.createOrgs({ handle: "two", name: "Two", sales_channel_id: "sc_1" })
        ).rejects.toThrow(/sales_channel_id/)
      })

      it("rejects a status outside active/suspended", async () => {
        await expect(
          service.createOrgs({ handle: "x", name: "X", sales_channel_id: "sc_x", status: "closed" as "active" })
        ).rejects.toThrow()
        expect(await service.listOrgs({ handle: "x" })).toHaveLength(0)
      })

      it("marks platform operators explicitly and only once", async () => {
        expect(await service.isPlatformOperator("user_1")).toBe(false)
        expect(await service.isPlatformOperator("")).toBe(false)
        await service.createPlatformOperators({ user_id: "user_1" })
        expect(await service.isPlatformOperator("user_1")).toBe(true)
        await expect(service.createPlatformOperators({ user_id: "user_1" })).rejects.toThrow(/user_id/)
        await expect(service.assertPlatformOperator("user_2")).rejects.toThrow(/platform operators/)
        await expect(service.assertPlatformOperator("user_1")).resolves.toBeUndefined()
      })
      it("keeps a hostname, an employment and a membership unique", async () => {
        const a = await service.createOrgs({ handle: "a", name: "A", sales_channel_id: "sc_a" })
        const b = await service.createOrgs({ handle: "b", name: "B", sales_channel_id: "sc_b" })
        // An unverified claim blocks nobody (domain squatting); a verified hostname is unique,
        // and one org claims a hostname once.
        await service.createOrgDomains({ org_id: a.id, hostname: "a.test", verified_at: new Date() } as any)
        await service.createOrgDomains({ org_id: b.id, hostname: "a.test" } as any)
        await expect(
          service.createOrgDomains({ org_id: b.id, hostname: "a.test", verified_at: new Date() } as any)
        ).rejects.toThrow(/hostname/)
        await expect(service.createOrgDomains({ org_id: a.id, hostname: "a.test" } as any)).rejects.toThrow(/hostname/)

        await service.createOrgEmployees({ org_id: a.id, user_id: "user_1", role: "owner" } as any)
        await expect(
          service.createOrgEmployees({ org_id: a.id, user_id: "user_1", role: "staff" } as any)
        ).rejects.toThrow(/user_id/)
        // The same user may work for another org.
        await service.createOrgEmployees({ org_id: b.id, user_id: "user_1", role: "creator" } as any)
        expect((await service.listActiveEmployments("user_1")).map((e: any) => [e.org.handle, e.role])).toEqual([
          ["a", "owner"],
          ["b", "creator"],
        ])
        await expect(
          service.createOrgEmployees({ org_id: a.id, user_id: "user_2", role: "superuser" } as any)
        ).rejects.toThrow()

        await service.createOrgMembers({ org_id: a.id, customer_id: "cus_1", joined_at: new Date() } as any)
        await expect(
          service.createOrgMembers({ org_id: a.id, customer_id: "cus_1", joined_at: new Date() } as any)
        ).rejects.toThrow(/customer_id/)
        expect(await service.retrieveOrgBySalesChannel(["sc_x", "sc_b"])).toMatchObject({ id: b.id })
        expect(await service.retrieveOrgBySalesChannel([])).toBeNull()
      })
    })
  },
})
