import { collectBodyIds, PREFIX_KIND } from "./id-kinds"

const ULID = "01JABCDEFGHJKMNPQRSTVWXYZ0"

describe("body ids", () => {
  it("finds every id-shaped string at any depth, batch arrays and rule values included", () => {
    const body = {
      title: "A course",
      handle: "prod_not-an-id",
      variants: [{ inventory_items: [{ inventory_item_id: `iitem_${ULID}`, required_quantity: 1 }] }],
      update: [{ id: `prorul_${ULID}`, values: [`prod_${ULID}`] }],
      remove: [`variant_${ULID}`],
      metadata: { nested: { deep: [`pay_col_${ULID}`] } },
    }
    const ids = collectBodyIds(body)
    expect([...ids.entries()]).toEqual([
      [`iitem_${ULID}`, "iitem"],
      [`prorul_${ULID}`, "prorul"],
      [`prod_${ULID}`, "prod"],
      [`variant_${ULID}`, "variant"],
      [`pay_col_${ULID}`, "pay_col"],
    ])
  })

  it("knows the kinds of the ids the allowlisted writes carry", () => {
    for (const prefix of ["prod", "variant", "iitem", "prorul", "price", "plist", "promo", "img", "opt", "optval", "reg", "sc"]) {
      expect(PREFIX_KIND[prefix]).toBeDefined()
    }
    expect(PREFIX_KIND.pay_col).toBeUndefined()
  })
})
