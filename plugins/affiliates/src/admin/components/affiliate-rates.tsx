import { Badge, Button, Drawer, Table, Text, toast } from "@medusajs/ui"
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useEffect, useState } from "react"
import { affiliateKeys, Affiliate } from "../lib/queries"
import { draftOf, rateBody } from "../lib/rate-draft"
import { AmountRow, describeRate } from "../lib/rates"
import { sdk } from "../lib/sdk"
import { RateDraft, RateFields } from "./rate-fields"

type ProductRate = { id: string; product_id: string; commission_type: "percent" | "fixed"; commission_bps: number | null; fixed_amounts: AmountRow[] | null }
type Coupon = { id: string; promotion_id: string; code: string | null }
type Detail = Affiliate & { fixed_amounts?: AmountRow[] | null; product_rates: ProductRate[]; coupons: Coupon[] }

const message = (e: unknown, fallback: string) => (e instanceof Error && e.message ? e.message : fallback)

/**
 * An affiliate's rates and coupons: their own rate (or the program's), a rate per product
 * (the most specific rule wins: product rate > affiliate rate > program), and the promotion
 * codes that credit them with no click.
 */
export function AffiliateRates({ affiliate, open, onOpenChange }: { affiliate: Affiliate; open: boolean; onOpenChange: (o: boolean) => void }) {
  const client = useQueryClient()
  const key = [...affiliateKeys.all, "detail", affiliate.id]
  const detail = useQuery({ queryKey: key, enabled: open, queryFn: () => sdk.client.fetch<{ affiliate: Detail }>(`/admin/affiliates/${affiliate.id}`) })
  const products = useQuery({
    queryKey: [...affiliateKeys.all, "products"],
    enabled: open,
    queryFn: () => sdk.client.fetch<{ products: { id: string; title: string }[] }>("/admin/products", { query: { fields: "id,title", limit: 100 } }),
  })
  const promotions = useQuery({
    queryKey: [...affiliateKeys.all, "promotions"],
    enabled: open,
    queryFn: () => sdk.client.fetch<{ promotions: { id: string; code: string }[] }>("/admin/promotions", { query: { fields: "id,code", limit: 100 } }),
  })
  const [own, setOwn] = useState<RateDraft>(draftOf(null))
  const [productRate, setProductRate] = useState<RateDraft>(draftOf(null, "percent"))
  const [productId, setProductId] = useState("")
  const [promotionId, setPromotionId] = useState("")
  const [problem, setProblem] = useState<string | null>(null)
  useEffect(() => {
    if (detail.data) setOwn(draftOf(detail.data.affiliate))
  }, [detail.data])
  const call = useMutation({
    mutationFn: ({ path, method = "POST", body }: { path: string; method?: string; body?: Record<string, unknown> }) =>
      sdk.client.fetch(path, { method, ...(body ? { body } : {}) }),
    onSuccess: () => {
      setProblem(null)
      client.invalidateQueries({ queryKey: affiliateKeys.all })
    },
    onError: (e) => setProblem(message(e, "Not saved")),
  })
  const submit = (draft: RateDraft, path: string, extra: Record<string, unknown>, done: string, after?: () => void) => {
    const r = rateBody(draft)
    if ("problem" in r) return setProblem(r.problem)
    call.mutate({ path, body: { ...extra, ...r.body } }, { onSuccess: () => (toast.success(done), after?.()) })
  }
  const title = (id: string) => products.data?.products.find((p) => p.id === id)?.title ?? id
  const d = detail.data?.affiliate
  return (
    <Drawer open={open} onOpenChange={onOpenChange}>
      <Drawer.Content className="max-w-xl">
        <Drawer.Header>
          <Drawer.Title>Rates and coupons of {affiliate.code}</Drawer.Title>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-6 overflow-y-auto">
          {detail.error ? (
            <Text className="text-ui-fg-error" role="alert">{message(detail.error, "Could not load the affiliate")}</Text>
          ) : !d ? (
            <Text>Loading…</Text>
          ) : (
            <>
              <section className="flex flex-col gap-2">
                <Text weight="plus">Affiliate rate</Text>
                <RateFields idPrefix="Affiliate" draft={own} onChange={setOwn} allowDefault />
                <div>
                  <Button size="small" isLoading={call.isPending} onClick={() => submit(own, `/admin/affiliates/${affiliate.id}`, {}, "Rate saved")}>Save rate</Button>
                </div>
              </section>
              <section className="flex flex-col gap-2">
                <Text weight="plus">Per product (wins over the affiliate rate)</Text>
                {d.product_rates.length ? (
                  <Table>
                    <Table.Body>
                      {d.product_rates.map((r) => (
                        <Table.Row key={r.id}>
                          <Table.Cell>{title(r.product_id)}</Table.Cell>
                          <Table.Cell>{describeRate(r)}</Table.Cell>
                          <Table.Cell>
                            <Button size="small" variant="transparent" aria-label={`Remove the rate on ${title(r.product_id)}`}
                              onClick={() => call.mutate({ path: `/admin/affiliates/${affiliate.id}/product-rates/${r.id}`, method: "DELETE" }, { onSuccess: () => toast.success("Product rate removed") })}>
                              Remove
                            </Button>
                          </Table.Cell>
                        </Table.Row>
                      ))}
                    </Table.Body>
                  </Table>
                ) : (
                  <Text size="small" className="text-ui-fg-muted">No product rates.</Text>
                )}
                <select aria-label="Product for a rate" value={productId} onChange={(e) => setProductId(e.target.value)}
                  className="bg-ui-bg-field border-ui-border-base txt-compact-small h-8 rounded-md border px-2">
                  <option value="">Pick a product…</option>
                  {(products.data?.products ?? []).map((p) => <option key={p.id} value={p.id}>{p.title}</option>)}
                </select>
                <RateFields idPrefix="Product" draft={productRate} onChange={setProductRate} allowDefault={false} />
                <div>
                  <Button size="small" variant="secondary" disabled={!productId} isLoading={call.isPending}
                    onClick={() => submit(productRate, `/admin/affiliates/${affiliate.id}/product-rates`, { product_id: productId }, "Product rate saved", () => setProductId(""))}>
                    Set product rate
                  </Button>
                </div>
              </section>
              <section className="flex flex-col gap-2">
                <Text weight="plus">Coupons (orders using the code are theirs, even with no click)</Text>
                <div className="flex flex-wrap gap-1">
                  {d.coupons.length ? d.coupons.map((c) => <Badge key={c.id}>{c.code ?? c.promotion_id}</Badge>) : <Text size="small" className="text-ui-fg-muted">No coupons.</Text>}
                </div>
                <div className="flex items-center gap-2">
                  <select aria-label="Promotion to link" value={promotionId} onChange={(e) => setPromotionId(e.target.value)}
                    className="bg-ui-bg-field border-ui-border-base txt-compact-small h-8 rounded-md border px-2">
                    <option value="">Pick a promotion…</option>
                    {(promotions.data?.promotions ?? []).filter((p) => !d.coupons.some((c) => c.promotion_id === p.id)).map((p) => <option key={p.id} value={p.id}>{p.code}</option>)}
                  </select>
                  <Button size="small" variant="secondary" disabled={!promotionId} isLoading={call.isPending}
                    onClick={() => call.mutate({ path: `/admin/affiliates/${affiliate.id}/coupons`, body: { promotion_id: promotionId } }, { onSuccess: () => (toast.success("Coupon linked"), setPromotionId("")) })}>
                    Link coupon
                  </Button>
                </div>
              </section>
            </>
          )}
          {problem && <Text size="small" className="text-ui-fg-error" role="alert">{problem}</Text>}
        </Drawer.Body>
      </Drawer.Content>
    </Drawer>
  )
}
