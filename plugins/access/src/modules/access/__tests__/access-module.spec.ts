import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import path from "node:path"
import { ACCESS_MODULE } from ".."
import AccessModuleService from "../service"

jest.setTimeout(30_000)

const grant = (over: Record<string, unknown> = {}) => ({
  customer_id: "cus_1",
  product_id: "prod_1",
  tier: 1,
  source_type: "order_line_item" as const,
  source_id: `ordli_${Math.random().toString(36).slice(2)}`,
  starts_at: new Date("2026-01-01T00:00:00Z"),
  expires_at: null,
  ...over,
})

moduleIntegrationTestRunner<AccessModuleService>({
  moduleName: ACCESS_MODULE,
  resolve: path.join(__dirname, ".."),
  testSuite: ({ service }) => {
    describe("access module", () => {
      it("keeps one plan per variant and refuses tiers below 1 or durations below 1 day", async () => {
        await service.createAccessPlans({ variant_id: "variant_1", product_id: "prod_1", tier: 2 } as any)
        await expect(
          service.createAccessPlans({ variant_id: "variant_1", product_id: "prod_1", tier: 3 } as any)
        ).rejects.toThrow(/variant_id/)
        await expect(service.createAccessPlans({ variant_id: "variant_2", product_id: "prod_1", tier: 0 } as any)).rejects.toThrow()
        await expect(
          service.createAccessPlans({ variant_id: "variant_3", product_id: "prod_1", tier: 1, duration_days: 0 } as any)
        ).rejects.toThrow()
        expect(await service.listAccessPlans({})).toHaveLength(1)
      })

      it("never records the same source twice", async () => {
        await service.createEntitlements(grant({ source_id: "ordli_1" }) as any)
        await expect(service.createEntitlements(grant({ source_id: "ordli_1", tier: 3 }) as any)).rejects.toThrow(/source/)
        // The same id under another source type is another source.
        await service.createEntitlements(grant({ source_id: "ordli_1", source_type: "manual" }) as any)
        expect(await service.listEntitlements({})).toHaveLength(2)
      })

      it("answers the live max tier per product", async () => {
        const now = new Date("2026-06-01T00:00:00Z")
        await service.createEntitlements([
          grant({ tier: 1 }),
          grant({ tier: 3, status: "revoked" }),
          grant({ tier: 2, expires_at: new Date("2026-05-31T00:00:00Z") }),
          grant({ tier: 2, starts_at: new Date("2026-07-01T00:00:00Z") }),
          grant({ product_id: "prod_2", tier: 3, expires_at: new Date("2026-12-31T00:00:00Z") }),
          grant({ customer_id: "cus_2", tier: 3 }),
        ] as any)
        const tiers = await service.getCustomerTiers("cus_1", ["prod_1", "prod_2", "prod_3"], now)
        expect([...tiers.entries()]).toEqual([
          ["prod_1", 1],
          ["prod_2", 3],
          ["prod_3", 0],
        ])
        expect(await service.getCustomerTier("cus_1", "prod_2", new Date("2027-01-01T00:00:00Z"))).toBe(0)
        expect(await service.getCustomerTier("", "prod_1", now)).toBe(0)
        // The store routes' one-query form agrees, for customers and for no customer.
        for (const [customer, product] of [["cus_1", "prod_1"], ["cus_1", "prod_2"], ["cus_1", "prod_3"], ["cus_2", "prod_1"], [null, "prod_1"]] as const) {
          expect((await service.getTierAndPlanStamp(customer, product, now)).tier).toBe(
            customer ? await service.getCustomerTier(customer, product, now) : 0
          )
        }
      })

      it("the plan stamp changes whenever a plan of the product is set, changed or removed, and only then", async () => {
        const stamp = async () => (await service.getTierAndPlanStamp(null, "prod_1")).plan_stamp
        const empty = await stamp()
        const [plan, other] = await service.createAccessPlans([
          { product_id: "prod_1", variant_id: "variant_1", tier: 1 },
          { product_id: "prod_1", variant_id: "variant_2", tier: 2 },
        ] as any)
        const created = await stamp()
        // Another product's plan leaves it alone.
        await service.createAccessPlans([{ product_id: "prod_other", variant_id: "variant_9", tier: 1 }] as any)
        expect(await stamp()).toBe(created)
        await service.updateAccessPlans({ id: plan.id, tier: 3 } as any)
        const updated = await stamp()
        await service.softDeleteAccessPlans([plan.id])
        const removed = await stamp()
        expect(new Set([empty, created, updated, removed]).size).toBe(4)
        // Stamps stand for the live plans: none left reads as none ever was.
        await service.softDeleteAccessPlans([other.id])
        expect(await stamp()).toBe(empty)
      })
    })
  },
})
