import type { MedusaContainer } from "@medusajs/framework/types"
import crypto from "node:crypto"
import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { MathBN, Modules } from "@medusajs/framework/utils"
import { AffiliateEvents } from "../events"
import { LEDGER_MODULE, type LedgerModuleService } from "@volmify/ledger/modules/ledger"
import { AFFILIATES_MODULE, type AffiliatesModuleService } from "../modules/affiliates"
import type { AffiliateRecord } from "../types/records"
import { formatMoney, sendEmail } from "../utils/org-email"

const hash = (parts: string[]) => crypto.createHash("sha256").update([...parts].sort().join(",")).digest("hex").slice(0, 32)

/** Where an affiliate is mailed: the address they applied with, else their customer account's. */
async function addressesOf(container: MedusaContainer, affiliates: Pick<AffiliateRecord, "id" | "email" | "customer_id">[]): Promise<Map<string, string>> {
  const missing = affiliates.filter((a) => !a.email).map((a) => a.customer_id)
  const customers = missing.length ? await container.resolve(Modules.CUSTOMER).listCustomers({ id: missing }, { select: ["id", "email"] }) : []
  const byCustomer = new Map<string, string | null>(customers.map((c) => [c.id, c.email]))
  const out = new Map<string, string>()
  for (const a of affiliates) {
    const email = a.email || byCustomer.get(a.customer_id)
    if (email) out.set(a.id, email)
  }
  return out
}

/**
 * The affiliate's emails, in the org's brand with a link to their affiliate page on the
 * org's storefront, each once:
 * - application approved or rejected (`affiliate.status_changed`; once per decision), or
 *   approved at once by the program's automatic approval (`affiliate.created`);
 * - commissions approved (`affiliate.commissions.approved`; one email per affiliate and
 *   currency of the batch, with its total);
 * - payout sent (`affiliate.payout.recorded`; once per ledger transaction, so a replayed
 *   payout reference sends nothing new).
 */
/** The data of the events below: an affiliate's (`id`, `org_id`, `status`), approved commissions' (`ids`), a payout's (`id` of its ledger transaction, `affiliate_id`). */
type AffiliateEmailEvent = { id?: string; org_id?: string; status?: string; ids?: string[]; affiliate_id?: string }

export default async function affiliateEmails({ event, container }: SubscriberArgs<AffiliateEmailEvent>) {
  const affiliates = container.resolve<AffiliatesModuleService>(AFFILIATES_MODULE)
  const url = (brand: { storefront_url: string }) => `${brand.storefront_url}/account/affiliate`

  if (event.name === AffiliateEvents.AFFILIATE_STATUS_CHANGED || event.name === AffiliateEvents.AFFILIATE_CREATED) {
    const [affiliate] = await affiliates.listAffiliates({ id: event.data?.id }, { select: ["id", "org_id", "customer_id", "email", "code", "status", "status_changed_at"] })
    // The affiliate's current status decides: a stale or replayed event for a decision since reversed sends nothing.
    if (!affiliate || !["approved", "rejected"].includes(affiliate.status)) return
    // The key is the decision (status and when it was made): a created event and a status
    // event for the same decision, or either delivered twice, send one email.
    const to = (await addressesOf(container, [affiliate])).get(affiliate.id)
    if (!to) return
    await sendEmail(container, {
      org_id: affiliate.org_id,
      to,
      template: "affiliate-application",
      receiver_id: affiliate.customer_id,
      resource: { type: "affiliate", id: affiliate.id },
      idempotency_key: `affiliate-status:${affiliate.id}:${affiliate.status}:${new Date(affiliate.status_changed_at ?? 0).getTime()}`,
      data: (brand) => ({ approved: affiliate.status === "approved", code: affiliate.code, url: url(brand) }),
    })
    return
  }

  if (event.name === AffiliateEvents.COMMISSIONS_APPROVED) {
    const ids: string[] = event.data?.ids ?? []
    if (!ids.length) return
    const commissions = await affiliates.listAffiliateCommissions({ id: ids }, { select: ["id", "org_id", "affiliate_id", "currency_code", "amount", "status"] })
    type Group = { org_id: string; affiliate_id: string; currency: string; ids: string[]; total: ReturnType<typeof MathBN.convert> }
    const groups = new Map<string, Group>()
    for (const c of commissions) {
      if (c.status !== "approved" && c.status !== "paid") continue
      const key = `${c.affiliate_id}:${c.currency_code}`
      const group: Group = groups.get(key) ?? { org_id: c.org_id, affiliate_id: c.affiliate_id, currency: c.currency_code, ids: [], total: MathBN.convert(0) }
      group.ids.push(c.id)
      group.total = MathBN.add(group.total, c.amount)
      groups.set(key, group)
    }
    if (!groups.size) return
    const owners = await affiliates.listAffiliates({ id: [...new Set([...groups.values()].map((g) => g.affiliate_id))] }, { select: ["id", "customer_id", "email"] })
    const to = await addressesOf(container, owners)
    const customerOf = new Map<string, string>(owners.map((a) => [a.id, a.customer_id]))
    for (const group of groups.values()) {
      if (!to.get(group.affiliate_id)) continue
      await sendEmail(container, {
        org_id: group.org_id,
        to: to.get(group.affiliate_id)!,
        template: "affiliate-commission-approved",
        receiver_id: customerOf.get(group.affiliate_id),
        resource: { type: "affiliate_commission", id: group.ids[0] },
        idempotency_key: `affiliate-commissions-approved:${hash(group.ids)}`,
        data: (brand) => ({ count: group.ids.length, total: formatMoney(brand, group.currency, group.total.toString()), url: url(brand) }),
      })
    }
    return
  }

  // Payout recorded: the ledger transaction says how much, in what currency.
  const transactionId: string | undefined = event.data?.id
  if (!transactionId || !event.data?.affiliate_id) return
  const [[affiliate], [transaction]] = await Promise.all([
    affiliates.listAffiliates({ id: event.data.affiliate_id }, { select: ["id", "org_id", "customer_id", "email"] }),
    container.resolve<LedgerModuleService>(LEDGER_MODULE).listLedgerTransactions({ id: transactionId }, { relations: ["entries"] }),
  ])
  if (!affiliate || !transaction || transaction.org_id !== affiliate.org_id) return
  const debit = (transaction.entries ?? []).find((e) => e.direction === "debit") ?? transaction.entries?.[0]
  const to = (await addressesOf(container, [affiliate])).get(affiliate.id)
  if (!debit || !to) return
  await sendEmail(container, {
    org_id: affiliate.org_id,
    to,
    template: "affiliate-payout-sent",
    receiver_id: affiliate.customer_id,
    resource: { type: "ledger_transaction", id: transaction.id },
    idempotency_key: `affiliate-payout:${transaction.id}`,
    data: (brand) => ({
      amount: formatMoney(brand, transaction.currency_code, debit.amount?.toString?.() ?? debit.amount),
      // A reference staff gave is stored as `affiliate:<org>:<reference>`: show theirs.
      reference: String(transaction.reference_id).replace(`affiliate:${affiliate.org_id}:`, ""),
      url: url(brand),
    }),
  })
}

export const config: SubscriberConfig = {
  event: [AffiliateEvents.AFFILIATE_CREATED, AffiliateEvents.AFFILIATE_STATUS_CHANGED, AffiliateEvents.COMMISSIONS_APPROVED, AffiliateEvents.PAYOUT_RECORDED],
}
