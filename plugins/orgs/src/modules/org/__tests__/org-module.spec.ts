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
    })
  },
})
