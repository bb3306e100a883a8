import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { asValue } from "@medusajs/framework/awilix"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createPromotionsWorkflow } from "@medusajs/medusa/core-flows"
import { createCustomer, uniqueEmail, type CustomerActor } from "../../helpers/actors"
import { accessService, createRegion, createTieredProduct, eventually, type TestProduct, type TestRegion } from "../../helpers/commerce"
import { useProcessEnv } from "../../helpers/env"
import { useFakeStripe } from "../../helpers/fake-stripe"
import { send } from "../../helpers/http"
import { createTestOrg, type TestOrg } from "../../helpers/orgs"
import { linkIn, TestSmtp } from "../../helpers/smtp"
import { runFailingAfter, unscheduleJobs } from "../../helpers/workflows"

// Subscription operations (issue 24): the dunning emails over real SMTP (exact recipients,
// one email per event however often it is delivered), the one way a subscription ends
// (endSubscriptionWorkflow) and its rollback, and a renewal that fails after Medusa created
// its order: rolled back whole, billed once by the next run. Its own app because of the
// SMTP listener and the Stripe fake; the subscription life cycle itself is subscriptions.spec.ts.
const {
  SUBSCRIPTION_CLOCK,
  SUBSCRIPTION_TEST_FAULTS,
  runDueSubscriptionRenewals,
  renewSubscriptionWorkflow,
  cancelSubscriptionWorkflow,
  endSubscriptionWorkflow,
  sendTrialEndingNotices,
  setAccessPlanWorkflow,
} = require("@volmify/access/workflows")

jest.setTimeout(300_000)

const STOREFRONT = "http://shop.subs.volmify.test"
const WEBHOOK_SECRET = "whsec_volmify_subops_secret"
const DECLINED = "pm_subops_declined"
const fake = useFakeStripe(WEBHOOK_SECRET)
const smtp = new TestSmtp()
beforeAll(() => smtp.start())
afterAll(() => smtp.stop())
useProcessEnv({
  SMTP_URL: () => smtp.url(),
  MAIL_FROM: "Volmify <mail@volmify.test>",
  STOREFRONT_URL: STOREFRONT,
})

const at = (iso: string) => new Date(iso)
const settle = () => new Promise((r) => setTimeout(r, 1500))
const SUBS_URL = `${STOREFRONT}/account/subscriptions`
/** Every address a message whose subject matches was sent to. */
const recipientsOf = (subject: RegExp) =>
  smtp.messages.filter((m) => subject.test(m.subject ?? "")).flatMap((m) => (Array.isArray(m.to) ? m.to : m.to ? [m.to] : []).flatMap((t) => t.value.map((v) => v.address)))

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let acme: TestOrg
    let yen: TestOrg
    let usd: TestRegion
    let jpy: TestRegion
    let trialPlan: TestProduct // Acme: "Acme Club", $20 a month, 7-day trial
    let plainPlan: TestProduct // Acme: "Acme Monthly", $25 a month
    let jpyPlan: TestProduct // Yen School: "Yen Club", ¥1,500 a month
    let clock = new Date()

    const access = () => accessService(getContainer())
    const pg = () => getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION) as any
    const setClock = (d: Date) => (clock = d)
    const runJob = () => runDueSubscriptionRenewals(getContainer(), clock)
    const reload = async (id: string) => (await access().listSubscriptions({ id }))[0] as any
    const renewals = (id: string) => access().listSubscriptionRenewals({ subscription_id: id }, { order: { period_index: "ASC" } })
    const subscriptionOf = async (orderId: string) =>
      (await eventually(() => access().listSubscriptions({ origin_order_id: orderId })))[0] as any
    const emit = (name: string, data: Record<string, unknown>) => getContainer().resolve(Modules.EVENT_BUS).emit({ name, data })
    /** Live orders a subscription's renewals created (any run, failed or not). */
    const renewalOrders = async (subId: string) =>
      (await pg().raw(`select id from "order" where deleted_at is null and metadata->>'subscription_id' = ?`, [subId])).rows.map((r: any) => r.id)

    async function plan(product: TestProduct, terms: Record<string, unknown>) {
      await setAccessPlanWorkflow(getContainer()).run({
        input: { variant_id: product.variants[0].id, tier: 1, billing: "subscription", interval: "month", ...terms },
      })
    }

    async function checkout(who: CustomerActor, region: TestRegion, variantId: string, promo?: string): Promise<string> {
      const h = { headers: who.headers }
      const { data: c } = await api.post("/store/carts", { region_id: region.id, email: who.customer.email, items: [{ variant_id: variantId, quantity: 1 }] }, h)
      if (promo) await api.post(`/store/carts/${c.cart.id}/promotions`, { promo_codes: [promo] }, h)
      const { data: pc } = await api.post("/store/payment-collections", { cart_id: c.cart.id }, h)
      await api.post(`/store/payment-collections/${pc.payment_collection.id}/payment-sessions`, { provider_id: "pp_system_default" }, h)
      const { data } = await api.post(`/store/carts/${c.cart.id}/complete`, {}, h)
      if (data.type !== "order") throw new Error(`cart did not complete: ${JSON.stringify(data.error ?? data)}`)
      return data.order.id
    }

    /** Ends a case's subscription so later cases' job runs do not bill it. */
    const retire = (id: string) =>
      cancelSubscriptionWorkflow(getContainer()).run({ input: { subscription_id: id, reason: "case over", now: clock }, throwOnError: false })

    beforeAll(async () => {
      const c = getContainer()
      c.register(SUBSCRIPTION_CLOCK, asValue(() => clock))
      // The app's own renew-subscriptions job (every 10 minutes of wall time) would read this
      // clock and bill between a case's steps: unscheduled, so every pass is the case's own.
      await unscheduleJobs("renew-subscriptions")
      acme = await createTestOrg(c, api, { handle: `subops-acme-${Date.now().toString(36)}`, name: "Acme Academy" })
      yen = await createTestOrg(c, api, { handle: `subops-yen-${Date.now().toString(36)}`, name: "Yen School" })
      await c.resolve<any>("org").updateOrgs({ id: acme.org.id, support_email: "help@acme.test", branding: { primary_color: "#0a7f5a" } })
      usd = await createRegion(c, "usd", ["us"], ["pp_system_default", "pp_stripe_stripe"])
      jpy = await createRegion(c, "jpy", ["jp"], ["pp_system_default", "pp_stripe_stripe"])
      const product = (side: TestOrg, handle: string, title: string, prices: Record<string, number>) =>
        createTieredProduct(c, side.org, { handle, title, tiers: [{ title: "Member", tier: null, prices }] })
      trialPlan = await product(acme, "subops-trial", "Acme Club", { usd: 20 })
      plainPlan = await product(acme, "subops-plain", "Acme Monthly", { usd: 25 })
      jpyPlan = await product(yen, "subops-jpy", "Yen Club", { jpy: 1500 })
      await plan(trialPlan, { trial_days: 7 })
      await plan(plainPlan, {})
      await plan(jpyPlan, {})
      await createPromotionsWorkflow(c).run({
        input: {
          promotionsData: [
            {
              code: "SUBOPS-TRIAL",
              type: "standard",
              status: "active",
              is_automatic: false,
              application_method: {
                type: "percentage",
                target_type: "items",
                allocation: "each",
                value: 100,
                max_quantity: 1,
                target_rules: [{ attribute: "variant_id", operator: "in", values: [trialPlan.variants[0].id] }],
              },
              rules: [{ attribute: "sales_channel_id", operator: "in", values: [acme.org.sales_channel_id] }],
            } as any,
          ],
          additional_data: { org_id: acme.org.id },
        },
      })
    })

    describe("dunning emails", () => {
      it("trial started -> reminder 3 days before -> receipt -> payment failed x3 -> canceled: each once, to the subscriber only", async () => {
        const who = await createCustomer(api, acme.key, { email: uniqueEmail("subops.trial") })
        const bystander = await createCustomer(api, acme.key, { email: uniqueEmail("subops.bystander") })
        setClock(at("2027-01-10T12:00:00Z"))
        const sub = await subscriptionOf(await checkout(who, usd, trialPlan.variants[0].id, "SUBOPS-TRIAL"))
        expect(sub.status).toBe("trialing")
        // A free trial checkout saves no method: renewals go through the development provider.
        await access().updateSubscriptions({ id: sub.id, payment_provider_id: "pp_system_default", payment_method_ref: null })

        const [started] = await smtp.waitFor(who.customer.email, 1, /free trial of Acme Club has started/)
        expect(started.from?.value[0]).toEqual({ name: "Acme Academy", address: "mail@volmify.test" })
        expect(started.replyTo?.value[0].address).toBe("help@acme.test")
        expect(started.html).toContain("#0a7f5a")
        expect(started.text).toContain("runs until January 17, 2027")
        expect(started.text).toContain("charged $20.00 on January 17, 2027 and every month after that")
        expect(linkIn(started, SUBS_URL)).toBe(SUBS_URL)
        // A replayed subscription.started (twice at once) sends nothing more.
        await Promise.all([emit("subscription.started", { ids: [sub.id], order_id: sub.origin_order_id }), emit("subscription.started", { ids: [sub.id], order_id: sub.origin_order_id })])

        // The reminder: not 4 days before the trial ends, once within 3 days, however often the job scans.
        setClock(at("2027-01-13T11:00:00Z"))
        await sendTrialEndingNotices(getContainer(), clock)
        await settle()
        expect(smtp.to(who.customer.email, /trial of Acme Club ends/)).toHaveLength(0)
        setClock(at("2027-01-14T13:00:00Z"))
        await Promise.all([sendTrialEndingNotices(getContainer(), clock), sendTrialEndingNotices(getContainer(), clock)])
        await sendTrialEndingNotices(getContainer(), at("2027-01-15T13:00:00Z"))
        const [reminder] = await smtp.waitFor(who.customer.email, 1, /trial of Acme Club ends/)
        expect(reminder.subject).toBe("Your free trial of Acme Club ends on January 17, 2027")
        expect(reminder.text).toContain("charged $20.00 every month")

        // The first charge: a renewal receipt (not the generic order receipt) with the period.
        setClock(at("2027-01-17T12:00:00Z"))
        expect(await runJob()).toMatchObject({ renewed: 1, failed: 0, errored: 0 })
        const [receipt] = await smtp.waitFor(who.customer.email, 1, /receipt: Acme Club/)
        expect(receipt.subject).toBe("Your Acme Academy receipt: Acme Club")
        expect(receipt.text).toContain("January 17, 2027 - February 17, 2027")
        expect(receipt.text).toContain("Your next payment of $20.00 is on February 17, 2027")
        const [renewal] = await renewals(sub.id)
        expect(receipt.text).toContain(`${STOREFRONT}/order/${renewal.order_id}`)
        await Promise.all([
          emit("subscription.renewed", { id: sub.id, order_id: renewal.order_id, period_index: 1 }),
          emit("subscription.renewed", { id: sub.id, order_id: renewal.order_id, period_index: 1 }),
        ])

        // The saved card is declined: three "payment failed" (retries after 1, 3, 5 days), then canceled.
        await access().updateSubscriptions({ id: sub.id, payment_provider_id: "pp_stripe_stripe", payment_method_ref: { payment_method: DECLINED } })
        fake.declinedMethods.add(DECLINED)
        const retries: [string, string][] = [
          ["2027-02-17T12:00:00Z", "February 18, 2027"],
          ["2027-02-18T12:00:00Z", "February 20, 2027"],
          ["2027-02-20T12:00:00Z", "February 22, 2027"],
        ]
        for (const [i, [when, next]] of retries.entries()) {
          setClock(at(when))
          expect(await runJob()).toMatchObject({ failed: 1, errored: 0 })
          const mails = await smtp.waitFor(who.customer.email, i + 1, /Payment failed: your Acme Club subscription/)
          expect(mails[i].text).toContain(`We will try again on ${next}`)
          expect(mails[i].text).toContain("could not charge $20.00 for your subscription to Acme Club")
          expect(linkIn(mails[i], SUBS_URL)).toBe(SUBS_URL)
        }
        const failed = await reload(sub.id)
        await Promise.all([1, 2].map(() => emit("subscription.payment_failed", { id: sub.id, period_index: 2, attempts: 3, next_retry_at: failed.next_charge_at })))
        setClock(at("2027-02-22T12:00:00Z"))
        expect(await runJob()).toMatchObject({ failed: 1 })
        expect(await reload(sub.id)).toMatchObject({ status: "canceled", cancel_reason: "payment failed" })
        const [canceled] = await smtp.waitFor(who.customer.email, 1, /Acme Club subscription was canceled/)
        expect(canceled.text).toContain("because its payment failed again")
        await emit("subscription.canceled", { id: sub.id, reason: "payment_failed" })
        fake.declinedMethods.delete(DECLINED)

        await settle()
        const mine = (subject: RegExp) => smtp.to(who.customer.email, subject).length
        expect([
          mine(/free trial of Acme Club has started/),
          mine(/trial of Acme Club ends/),
          mine(/receipt: Acme Club/),
          mine(/Payment failed/),
          mine(/subscription was canceled/),
          // The renewal order sends no generic order receipt beside the renewal receipt.
          mine(/order #/),
        ]).toEqual([1, 1, 1, 3, 1, 1])
        for (const subject of [/Acme Club has started/, /trial of Acme Club ends/, /receipt: Acme Club/, /Payment failed: your Acme Club/, /Acme Club subscription was canceled/]) {
          expect(recipientsOf(subject)).toEqual(expect.arrayContaining([who.customer.email]))
          expect(recipientsOf(subject).filter((a) => a !== who.customer.email)).toEqual([])
        }
        expect(smtp.to(bystander.customer.email).filter((m) => /Acme Club/.test(m.subject ?? ""))).toHaveLength(0)
        const rows = await getContainer().resolve(Modules.NOTIFICATION).listNotifications({ to: who.customer.email, template: "subscription-payment-failed" })
        expect(rows.map((r: any) => r.status)).toEqual(["success", "success", "success"])
      })

      it("JPY: started and receipt in yen; cancel at period end confirmed (again after a resume); the end emailed once", async () => {
        const who = await createCustomer(api, yen.key, { email: uniqueEmail("subops.yen") })
        setClock(at("2027-03-01T09:00:00Z"))
        const sub = await subscriptionOf(await checkout(who, jpy, jpyPlan.variants[0].id))
        const [started] = await smtp.waitFor(who.customer.email, 1, /subscription to Yen Club has started/)
        expect(started.from?.value[0].name).toBe("Yen School")
        expect(started.text).toContain("for ¥1,500 every month. Your next payment is on April 1, 2027.")

        setClock(at("2027-04-01T09:00:00Z"))
        expect(await runJob()).toMatchObject({ renewed: 1 })
        const [receipt] = await smtp.waitFor(who.customer.email, 1, /receipt: Yen Club/)
        expect(receipt.text).toContain("charged ¥1,500 for your subscription to Yen Club")
        expect(receipt.text).toContain("April 1, 2027 - May 1, 2027")

        const act = (action: string) => send(api, "post", `/store/customers/me/subscriptions/${sub.id}/${action}`, who.headers, {})
        expect((await act("cancel")).status).toBe(200)
        const [first] = await smtp.waitFor(who.customer.email, 1, /will end on/)
        expect(first.subject).toBe("Your Yen Club subscription will end on May 1, 2027")
        expect(linkIn(first, SUBS_URL)).toBe(SUBS_URL)
        expect((await act("resume")).status).toBe(200)
        expect((await act("cancel")).status).toBe(200)
        await smtp.waitFor(who.customer.email, 2, /will end on/)

        setClock(at("2027-05-01T09:00:00Z"))
        expect(await runJob()).toMatchObject({ ended: 1, renewed: 0 })
        const [ended] = await smtp.waitFor(who.customer.email, 1, /Yen Club subscription has ended/)
        expect(ended.text).toContain("at the end of the period you paid for")
        await settle()
        expect(smtp.to(who.customer.email, /will end on/)).toHaveLength(2)
        expect(smtp.to(who.customer.email, /has ended|was canceled/)).toHaveLength(1)
        expect(recipientsOf(/Yen Club/).filter((a) => a !== who.customer.email)).toEqual([])
      })
    })

    describe("ending a subscription", () => {
      it("staff cancel goes through endSubscriptionWorkflow: canceled, access revoked, one email saying the school canceled it", async () => {
        const who = await createCustomer(api, acme.key, { email: uniqueEmail("subops.staff") })
        setClock(at("2027-06-01T10:00:00Z"))
        const sub = await subscriptionOf(await checkout(who, usd, plainPlan.variants[0].id))
        const res = await send(api, "post", `/admin/subscriptions/${sub.id}/cancel`, acme.owner.headers, { reason: "refund asked" })
        expect([res.status, res.data.subscription.status]).toEqual([200, "canceled"])
        expect(await access().listEntitlements({ customer_id: who.customer.id, product_id: plainPlan.id, status: "active" })).toHaveLength(0)
        const [mail] = await smtp.waitFor(who.customer.email, 1, /Acme Monthly subscription was canceled/)
        expect(mail.text).toContain("was canceled by the school")
      })

      it("rollback: a failure after the access is revoked leaves the subscription live, its access active and sends nothing", async () => {
        const who = await createCustomer(api, acme.key, { email: uniqueEmail("subops.endrb") })
        setClock(at("2027-07-01T10:00:00Z"))
        const sub = await subscriptionOf(await checkout(who, usd, plainPlan.variants[0].id))
        const input = { subscription_id: sub.id, cancel_reason: "test", revoke_reason: "test", event_reason: "merchant", now: clock }
        const failed = await runFailingAfter(endSubscriptionWorkflow(getContainer()), "revoke-subscription-access", input)
        expect(failed.errors[0].error.message).toMatch(/forced failure/)
        const viaCancel = await runFailingAfter(cancelSubscriptionWorkflow(getContainer()), "end-subscription-as-step", {
          subscription_id: sub.id,
          reason: "test",
          now: clock,
        })
        expect(viaCancel.errors[0].error.message).toMatch(/forced failure/)
        expect(await reload(sub.id)).toMatchObject({ status: "active", canceled_at: null, cancel_reason: null, payments_made: 1 })
        expect(new Date((await reload(sub.id)).next_charge_at).toISOString()).toBe("2027-08-01T10:00:00.000Z")
        const live = await access().listEntitlements({ customer_id: who.customer.id, product_id: plainPlan.id })
        expect(live.map((e: any) => [e.status, e.revoked_at, e.revoke_reason])).toEqual([["active", null, null]])
        await settle()
        expect(smtp.to(who.customer.email, /was canceled|has ended/)).toHaveLength(0)
        await retire(sub.id)
      })
    })

    describe("renewal rollback after the order exists", () => {
      it("no paid renewal, the subscription un-advanced, Medusa's order deleted and its payment canceled; the next run bills once", async () => {
        const who = await createCustomer(api, acme.key, { email: uniqueEmail("subops.renewrb") })
        setClock(at("2027-09-01T10:00:00Z"))
        const sub = await subscriptionOf(await checkout(who, usd, plainPlan.variants[0].id))
        setClock(at("2027-10-01T10:00:00Z"))
        const before = await reload(sub.id)
        const startedAt = new Date()
        // The test-only fault hook makes the renewal-record update, then the subscription
        // advance, fail as they start: both run after completeCartWorkflow placed the order.
        const faults = new Set<string>()
        getContainer().register(SUBSCRIPTION_TEST_FAULTS, asValue(faults))
        for (const step of ["mark-subscription-renewal-paid", "advance-subscription"]) {
          faults.clear()
          faults.add(step)
          const { errors } = await renewSubscriptionWorkflow(getContainer()).run({ input: { subscription_id: sub.id, now: clock }, throwOnError: false })
          expect([errors[0].action, errors[0].error.message]).toEqual([step, `test fault: ${step} failed`])
          // Every compensation ran without an error of its own.
          expect(errors.filter((e: any) => e.handlerType === "compensate")).toEqual([])
          const after = await reload(sub.id)
          expect([after.status, after.payments_made, new Date(after.next_charge_at).toISOString()]).toEqual([
            before.status,
            before.payments_made,
            "2027-10-01T10:00:00.000Z",
          ])
          expect(await renewals(sub.id)).toHaveLength(0)
          expect(await renewalOrders(sub.id)).toEqual([])
        }
        // Through the job: a failure on our side is not the customer's (no dunning), retried next pass.
        expect(await runJob()).toMatchObject({ renewed: 0, failed: 0, errored: 1 })
        expect(await reload(sub.id)).toMatchObject({ status: "active", payments_made: 1, failed_attempts: 0, past_due_since: null })
        expect(await renewals(sub.id)).toHaveLength(0)
        // What the failed runs authorized: no payment outside an order is left live (Medusa's
        // compensation canceled or removed each with the order it had created); nothing captured.
        const { rows: loose } = await pg().raw(
          `select p.id, p.canceled_at, p.captured_at from payment p
            where p.deleted_at is null and p.created_at >= ?
              and p.payment_collection_id not in (select payment_collection_id from order_payment_collection where deleted_at is null)`,
          [startedAt]
        )
        expect(loose.filter((p: any) => !p.canceled_at || p.captured_at)).toEqual([])
        await settle()
        expect(smtp.to(who.customer.email, /receipt: Acme Monthly|Payment failed/)).toHaveLength(0)

        // The job's next pass bills the period once.
        faults.clear()
        expect(await runJob()).toMatchObject({ renewed: 1, failed: 0, errored: 0 })
        expect(await runJob()).toMatchObject({ renewed: 0 })
        expect((await renewals(sub.id)).map((r: any) => [r.period_index, r.status, r.attempts])).toEqual([[2, "paid", 1]])
        const orders = await renewalOrders(sub.id)
        expect(orders).toHaveLength(1)
        expect(orders[0]).toBe((await renewals(sub.id))[0].order_id)
        expect(await reload(sub.id)).toMatchObject({ payments_made: 2, status: "active" })
        await smtp.waitFor(who.customer.email, 1, /receipt: Acme Monthly/)
        await retire(sub.id)
      })
    })
  },
})
