import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { createAdminUser, uniqueEmail } from "../../helpers/actors"
import { createStaff, createTestOrg, TestOrg } from "../../helpers/orgs"
import { runFailingAfter } from "../../helpers/workflows"
import { eventually } from "../../helpers/commerce"

import * as wf from "@volmify/orgs/workflows"
import { hashInvitationToken } from "@volmify/orgs/testing"

jest.setTimeout(120_000)

// Every @volmify/orgs workflow: it does its job, and a failure after its last step
// leaves nothing behind (each mutating step compensates).
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let container: MedusaContainer
    let org: TestOrg
    const orgs = () => container.resolve<any>("org")

    beforeEach(async () => {
      container = getContainer()
      org = await createTestOrg(container, api, { handle: "acme", name: "Acme" })
    })

    async function countsFor(name: string) {
      const query = container.resolve(ContainerRegistrationKeys.QUERY)
      const channels = await container.resolve(Modules.SALES_CHANNEL).listSalesChannels({ name: `${name} storefront` })
      const keys = await container.resolve(Modules.API_KEY).listApiKeys({ title: `${name} storefront key` })
      const { data: links } = await query.graph({ entity: "org", fields: ["id", "api_keys.id"], filters: { name } })
      return { channels: channels.length, keys: keys.length, orgs: links.length }
    }

    describe("createOrgWorkflow", () => {
      it("creates channel, key scoped to it, org, key link and owner", async () => {
        const owner = await createAdminUser(container, api)
        const { result } = await wf.createOrgWorkflow(container).run({
          input: { handle: "yoga", name: "Yoga", owner_user_id: owner.user.id },
        })
        expect(result.org).toMatchObject({ handle: "yoga", status: "active", sales_channel_id: result.sales_channel.id })
        expect(result.publishable_key.token).toMatch(/^pk_/)
        expect(result.owner).toMatchObject({ role: "owner", user_id: owner.user.id, org_id: result.org.id })
        const res = await api.get("/store/org", { headers: { "x-publishable-api-key": result.publishable_key.token } })
        expect(res.data.org.handle).toBe("yoga")
        expect(await countsFor("Yoga")).toEqual({ channels: 1, keys: 1, orgs: 1 })
      })

      it("rolls back everything when the owner does not exist", async () => {
        const { errors } = await wf.createOrgWorkflow(container).run({
          input: { handle: "ghost", name: "Ghost", owner_user_id: "user_missing" },
          throwOnError: false,
        })
        expect(errors[0].error.message).toMatch(/user_missing.*not found/)
        expect(await countsFor("Ghost")).toEqual({ channels: 0, keys: 0, orgs: 0 })
      })

      it("rolls back everything when a failure follows its last step", async () => {
        const owner = await createAdminUser(container, api)
        const { errors } = await runFailingAfter(wf.createOrgWorkflow(container), "emit-event-step", {
          handle: "late",
          name: "Late",
          owner_user_id: owner.user.id,
        })
        expect(errors[0].error.message).toMatch(/forced failure/)
        expect(await countsFor("Late")).toEqual({ channels: 0, keys: 0, orgs: 0 })
        expect(await orgs().listOrgEmployees({ user_id: owner.user.id })).toHaveLength(0)
      })

      it("refuses a taken or malformed handle before creating anything", async () => {
        const owner = await createAdminUser(container, api)
        const dup = await wf.createOrgWorkflow(container).run({
          input: { handle: "acme", name: "Acme Two", owner_user_id: owner.user.id },
          throwOnError: false,
        })
        expect(dup.errors[0].error).toMatchObject({ type: "duplicate_error" })
        expect(dup.errors[0].error.message).toMatch(/handle "acme" already exists/)
        const bad = await wf.createOrgWorkflow(container).run({
          input: { handle: "Bad Handle", name: "Bad", owner_user_id: owner.user.id },
          throwOnError: false,
        })
        expect(bad.errors[0].error.message).toMatch(/handle "Bad Handle" must be lowercase/)
        expect(await countsFor("Acme Two")).toEqual({ channels: 0, keys: 0, orgs: 0 })
      })
    })

    describe("org lifecycle", () => {
      it("updates settings by merging, and rolls back", async () => {
        await wf.updateOrgWorkflow(container).run({
          input: { id: org.org.id, branding: { primary_color: "#112233" }, settings: { processing_fee_bps: 300 } },
        })
        await wf.updateOrgWorkflow(container).run({ input: { id: org.org.id, branding: { font: "serif" } } })
        let current = await orgs().retrieveOrg(org.org.id)
        expect(current.branding).toEqual({ primary_color: "#112233", font: "serif" })

        const { errors } = await runFailingAfter(wf.updateOrgWorkflow(container), "emit-event-step", {
          id: org.org.id,
          name: "Renamed",
          branding: { font: "mono" },
        })
        expect(errors).toHaveLength(1)
        current = await orgs().retrieveOrg(org.org.id)
        expect(current.name).toBe("Acme")
        expect(current.branding).toEqual({ primary_color: "#112233", font: "serif" })
      })

      it("suspends and reactivates, refusing no-op changes, and rolls back", async () => {
        const failed = await runFailingAfter(wf.suspendOrgWorkflow(container), "emit-event-step", { id: org.org.id })
        expect(failed.errors).toHaveLength(1)
        expect((await orgs().retrieveOrg(org.org.id)).status).toBe("active")

        await wf.suspendOrgWorkflow(container).run({ input: { id: org.org.id } })
        expect((await orgs().retrieveOrg(org.org.id)).status).toBe("suspended")
        const again = await wf.suspendOrgWorkflow(container).run({ input: { id: org.org.id }, throwOnError: false })
        expect(again.errors[0].error.message).toMatch(/is suspended, not active/)

        const failedBack = await runFailingAfter(wf.reactivateOrgWorkflow(container), "emit-event-step", { id: org.org.id })
        expect(failedBack.errors).toHaveLength(1)
        expect((await orgs().retrieveOrg(org.org.id)).status).toBe("suspended")
        await wf.reactivateOrgWorkflow(container).run({ input: { id: org.org.id } })
        expect((await orgs().retrieveOrg(org.org.id)).status).toBe("active")
      })
    })

    describe("domains", () => {
      it("adds (first one primary), switches primary, verifies, removes; each rolls back", async () => {
        const { result: first } = await wf.addOrgDomainWorkflow(container).run({
          input: { org_id: org.org.id, hostname: "Learn.Acme.test." },
        })
        expect(first).toMatchObject({ hostname: "learn.acme.test", is_primary: true, verified_at: null })

        const failedAdd = await runFailingAfter(wf.addOrgDomainWorkflow(container), "create-org-domain", {
          org_id: org.org.id,
          hostname: "shop.acme.test",
          is_primary: true,
        })
        expect(failedAdd.errors).toHaveLength(1)
        let domains = await orgs().listOrgDomains({ org_id: org.org.id })
        expect(domains.map((d: any) => [d.hostname, d.is_primary])).toEqual([["learn.acme.test", true]])

        const { result: second } = await wf.addOrgDomainWorkflow(container).run({
          input: { org_id: org.org.id, hostname: "shop.acme.test" },
        })
        expect(second.is_primary).toBe(false)

        const failedSwitch = await runFailingAfter(wf.updateOrgDomainWorkflow(container), "update-org-domains", {
          org_id: org.org.id,
          domain_id: second.id,
          is_primary: true,
          verified: true,
        })
        expect(failedSwitch.errors).toHaveLength(1)
        domains = await orgs().listOrgDomains({ org_id: org.org.id }, { order: { hostname: "ASC" } })
        expect(domains.map((d: any) => [d.hostname, d.is_primary, d.verified_at])).toEqual([
          ["learn.acme.test", true, null],
          ["shop.acme.test", false, null],
        ])

        await wf.updateOrgDomainWorkflow(container).run({
          input: { org_id: org.org.id, domain_id: second.id, is_primary: true, verified: true },
        })
        domains = await orgs().listOrgDomains({ org_id: org.org.id }, { order: { hostname: "ASC" } })
        expect(domains.map((d: any) => [d.hostname, d.is_primary, !!d.verified_at])).toEqual([
          ["learn.acme.test", false, false],
          ["shop.acme.test", true, true],
        ])

        const failedRemove = await runFailingAfter(wf.removeOrgDomainWorkflow(container), "soft-delete-org-domains", {
          org_id: org.org.id,
          domain_id: first.id,
        })
        expect(failedRemove.errors).toHaveLength(1)
        expect(await orgs().listOrgDomains({ org_id: org.org.id })).toHaveLength(2)
        await wf.removeOrgDomainWorkflow(container).run({ input: { org_id: org.org.id, domain_id: first.id } })
        expect(await orgs().listOrgDomains({ org_id: org.org.id })).toHaveLength(1)
      })

      it("refuses a hostname another org verified (422) and a malformed one (400); an unverified claim blocks nobody", async () => {
        const other = await createTestOrg(container, api, { handle: "other" })
        const { result: claim } = await wf.addOrgDomainWorkflow(container).run({ input: { org_id: org.org.id, hostname: "taken.test" } })
        // Unverified, the claim costs nothing and blocks nobody (domain squatting).
        const free = await wf.addOrgDomainWorkflow(container).run({ input: { org_id: other.org.id, hostname: "taken.test" } })
        await wf.removeOrgDomainWorkflow(container).run({ input: { org_id: other.org.id, domain_id: free.result.id } })
        await wf.updateOrgDomainWorkflow(container).run({ input: { org_id: org.org.id, domain_id: claim.id, verified: true } })
        const dup = await wf.addOrgDomainWorkflow(container).run({
          input: { org_id: other.org.id, hostname: "TAKEN.test" },
          throwOnError: false,
        })
        expect(dup.errors[0].error).toMatchObject({ type: "duplicate_error" })
        const bad = await wf.addOrgDomainWorkflow(container).run({
          input: { org_id: other.org.id, hostname: "not a host" },
          throwOnError: false,
        })
        expect(bad.errors[0].error).toMatchObject({ type: "invalid_data" })
      })
    })

    describe("invitations", () => {
      const invite = (email: string, role = "creator", inviter_role = "owner") =>
        wf.inviteEmployeeWorkflow(container).run({
          input: { org_id: org.org.id, email, role, invited_by: org.owner.user.id, inviter_role },
        })

      it("stores only the token's hash and rolls back an invitation", async () => {
        const { result } = await invite("New.Person@Example.com")
        expect(result.token.length).toBeGreaterThanOrEqual(40)
        expect(result.invitation).toMatchObject({ email: "new.person@example.com", status: "pending" })
        expect(result.invitation.token_hash).toBeUndefined()
        const [row] = await orgs().listOrgInvitations({ id: result.invitation.id }, { select: ["token_hash"] })
        expect(row.token_hash).toBe(hashInvitationToken(result.token))
        expect(row.token_hash).not.toContain(result.token)

        const failed = await runFailingAfter(wf.inviteEmployeeWorkflow(container), "emit-event-step", {
          org_id: org.org.id,
          email: "rolled@example.com",
          role: "staff",
          invited_by: org.owner.user.id,
          inviter_role: "owner",
        })
        expect(failed.errors).toHaveLength(1)
        expect(await orgs().listOrgInvitations({ email: "rolled@example.com" })).toHaveLength(0)
      })

      it("needs approval when a manager invites; approval, cancel and resend roll back", async () => {
        // An admin who left (inactive) is not asked to approve; the active owner is.
        const gone = await createStaff(container, api, org.org.id, "admin", "gone-admin")
        const [goneRow] = await orgs().listOrgEmployees({ org_id: org.org.id, user_id: gone.user.id })
        await orgs().updateOrgEmployees({ id: goneRow.id, status: "inactive" })
        const { result } = await invite("by.manager@example.com", "staff", "manager")
        expect(result.invitation.approved_at).toBeNull()
        const approvalsTo = async (email: string) =>
          (await container.resolve(Modules.NOTIFICATION).listNotifications({ to: email } as any)).filter((n: any) => n.template === "staff-invitation-approval")
        const toOwner = await eventually(async () => ((await approvalsTo(org.owner.user.email)).length ? approvalsTo(org.owner.user.email) : null))
        expect(toOwner).toHaveLength(1)
        expect(await approvalsTo(gone.user.email)).toEqual([])
        const early = await wf.acceptInvitationWorkflow(container).run({
          input: { token: result.token, user_id: null, auth_identity_id: "x" },
          throwOnError: false,
        })
        expect(early.errors[0].error.message).toMatch(/waiting for approval/)

        const failedApprove = await runFailingAfter(wf.approveInvitationWorkflow(container), "emit-event-step", {
          id: result.invitation.id,
          org_id: org.org.id,
          approved_by: org.owner.user.id,
        })
        expect(failedApprove.errors).toHaveLength(1)
        expect((await orgs().retrieveOrgInvitation(result.invitation.id)).approved_at).toBeNull()
        // Rolled back: the token the manager saw still stands.
        const [unapproved] = await orgs().listOrgInvitations({ id: result.invitation.id }, { select: ["token_hash"] })
        expect(unapproved.token_hash).toBe(hashInvitationToken(result.token))

        await wf.approveInvitationWorkflow(container).run({
          input: { id: result.invitation.id, org_id: org.org.id, approved_by: org.owner.user.id },
        })
        expect((await orgs().retrieveOrgInvitation(result.invitation.id)).approved_by).toBe(org.owner.user.id)
        // Approval rotates the token (the invitee is emailed a fresh link).
        const [approved] = await orgs().listOrgInvitations({ id: result.invitation.id }, { select: ["token_hash"] })
        expect(approved.token_hash).not.toBe(hashInvitationToken(result.token))

        const failedResend = await runFailingAfter(wf.resendInvitationWorkflow(container), "update-org-invitations", {
          id: result.invitation.id,
          org_id: org.org.id,
        })
        expect(failedResend.errors).toHaveLength(1)
        const [kept] = await orgs().listOrgInvitations({ id: result.invitation.id }, { select: ["token_hash"] })
        expect(kept.token_hash).toBe(approved.token_hash)

        const { result: resent } = await wf.resendInvitationWorkflow(container).run({
          input: { id: result.invitation.id, org_id: org.org.id },
        })
        expect(resent.token).not.toBe(result.token)

        const failedCancel = await runFailingAfter(wf.cancelInvitationWorkflow(container), "emit-event-step", {
          id: result.invitation.id,
          org_id: org.org.id,
        })
        expect(failedCancel.errors).toHaveLength(1)
        expect((await orgs().retrieveOrgInvitation(result.invitation.id)).status).toBe("pending")
        await wf.cancelInvitationWorkflow(container).run({ input: { id: result.invitation.id, org_id: org.org.id } })
        expect((await orgs().retrieveOrgInvitation(result.invitation.id)).status).toBe("cancelled")
      })

      it("accepts as an existing user; a failure leaves no employee and the invitation pending", async () => {
        const user = await createAdminUser(container, api, { email: uniqueEmail("invitee") })
        const { result } = await invite(user.user.email, "creator")
        const failed = await runFailingAfter(wf.acceptInvitationWorkflow(container), "emit-event-step", {
          token: result.token,
          user_id: user.user.id,
        })
        expect(failed.errors).toHaveLength(1)
        expect(await orgs().listOrgEmployees({ user_id: user.user.id })).toHaveLength(0)
        expect((await orgs().retrieveOrgInvitation(result.invitation.id)).status).toBe("pending")

        const { result: employee } = await wf.acceptInvitationWorkflow(container).run({
          input: { token: result.token, user_id: user.user.id },
        })
        expect(employee).toMatchObject({ org_id: org.org.id, user_id: user.user.id, role: "creator" })
        const used = await wf.acceptInvitationWorkflow(container).run({
          input: { token: result.token, user_id: user.user.id },
          throwOnError: false,
        })
        expect(used.errors[0].error.message).toMatch(/already accepted/)
      })

      it("accepts as a new user; a failure removes the user it created", async () => {
        const email = uniqueEmail("newcomer")
        const { result } = await invite(email, "staff")
        const auth = container.resolve(Modules.AUTH)
        const { authIdentity } = await auth.register("emailpass", { body: { email, password: "pw-123456789" } })
        const failed = await runFailingAfter(wf.acceptInvitationWorkflow(container), "emit-event-step", {
          token: result.token,
          auth_identity_id: authIdentity!.id,
          first_name: "New",
        })
        expect(failed.errors).toHaveLength(1)
        expect(await container.resolve(Modules.USER).listUsers({ email })).toHaveLength(0)

        const { result: employee } = await wf.acceptInvitationWorkflow(container).run({
          input: { token: result.token, auth_identity_id: authIdentity!.id, first_name: "New" },
        })
        const [user] = await container.resolve(Modules.USER).listUsers({ email })
        expect(employee).toMatchObject({ user_id: user.id, role: "staff" })
      })

      it("declines, expires, refuses unknown tokens and someone else's invitation", async () => {
        const { result } = await invite("decliner@example.com")
        const failed = await runFailingAfter(wf.declineInvitationWorkflow(container), "emit-event-step", { token: result.token })
        expect(failed.errors).toHaveLength(1)
        expect((await orgs().retrieveOrgInvitation(result.invitation.id)).status).toBe("pending")
        await wf.declineInvitationWorkflow(container).run({ input: { token: result.token } })
        expect((await orgs().retrieveOrgInvitation(result.invitation.id)).status).toBe("declined")

        const unknown = await wf.declineInvitationWorkflow(container).run({
          input: { token: "x".repeat(43) },
          throwOnError: false,
        })
        expect(unknown.errors[0].error).toMatchObject({ type: "not_found", message: "The invitation token is unknown" })

        const other = await createAdminUser(container, api)
        const { result: forBob } = await invite("bob@example.com")
        const wrong = await wf.acceptInvitationWorkflow(container).run({
          input: { token: forBob.token, user_id: other.user.id },
          throwOnError: false,
        })
        expect(wrong.errors[0].error.message).toMatch(/for bob@example.com; you are logged in as/)

        const { result: old } = await invite("late@example.com")
        const later = new Date(Date.now() + 8 * 24 * 3600 * 1000)
        const failedExpire = await runFailingAfter(wf.expireInvitationsWorkflow(container), "update-org-invitations", { now: later })
        expect(failedExpire.errors).toHaveLength(1)
        expect((await orgs().retrieveOrgInvitation(old.invitation.id)).status).toBe("pending")
        const { result: count } = await wf.expireInvitationsWorkflow(container).run({ input: { now: later } })
        expect(count).toBe(2) // bob's and late's
        expect((await orgs().retrieveOrgInvitation(old.invitation.id)).status).toBe("expired")
        const expired = await wf.acceptInvitationWorkflow(container).run({
          input: { token: old.token, user_id: other.user.id },
          throwOnError: false,
        })
        expect(expired.errors[0].error.message).toMatch(/already expired/)
      })
    })

    describe("staff", () => {
      it("changes roles under the rules, never dropping the last owner, and rolls back", async () => {
        const admin = await createStaff(container, api, org.org.id, "admin")
        const [adminEmployee] = await orgs().listOrgEmployees({ user_id: admin.user.id })
        const [ownerEmployee] = await orgs().listOrgEmployees({ user_id: org.owner.user.id })

        const lastOwner = await wf.updateEmployeeWorkflow(container).run({
          input: { org_id: org.org.id, employee_id: ownerEmployee.id, actor_role: "owner", role: "admin" },
          throwOnError: false,
        })
        expect(lastOwner.errors[0].error.message).toMatch(/at least one owner/)

        const failed = await runFailingAfter(wf.updateEmployeeWorkflow(container), "emit-event-step", {
          org_id: org.org.id,
          employee_id: adminEmployee.id,
          actor_role: "owner",
          role: "owner",
          title: "Co-founder",
        })
        expect(failed.errors).toHaveLength(1)
        expect(await orgs().retrieveOrgEmployee(adminEmployee.id)).toMatchObject({ role: "admin", title: null })

        await wf.updateEmployeeWorkflow(container).run({
          input: { org_id: org.org.id, employee_id: adminEmployee.id, actor_role: "owner", role: "owner" },
        })
        // Two owners now: the first may step down.
        await wf.updateEmployeeWorkflow(container).run({
          input: { org_id: org.org.id, employee_id: ownerEmployee.id, actor_role: "owner", role: "admin" },
        })
        expect((await orgs().retrieveOrgEmployee(ownerEmployee.id)).role).toBe("admin")
      })

      it("removes staff (never the last owner) and rolls back a removal", async () => {
        const creator = await createStaff(container, api, org.org.id, "creator")
        const [creatorEmployee] = await orgs().listOrgEmployees({ user_id: creator.user.id })
        const [ownerEmployee] = await orgs().listOrgEmployees({ user_id: org.owner.user.id })
        const failed = await runFailingAfter(wf.removeEmployeeWorkflow(container), "emit-event-step", {
          org_id: org.org.id,
          employee_id: creatorEmployee.id,
          actor_role: "admin",
        })
        expect(failed.errors).toHaveLength(1)
        expect(await orgs().listOrgEmployees({ id: creatorEmployee.id })).toHaveLength(1)

        await wf.removeEmployeeWorkflow(container).run({
          input: { org_id: org.org.id, employee_id: creatorEmployee.id, actor_role: "admin" },
        })
        expect(await orgs().listOrgEmployees({ id: creatorEmployee.id })).toHaveLength(0)
        const last = await wf.removeEmployeeWorkflow(container).run({
          input: { org_id: org.org.id, employee_id: ownerEmployee.id, actor_role: "platform" },
          throwOnError: false,
        })
        expect(last.errors[0].error.message).toMatch(/at least one owner/)
      })
    })

    describe("joinOrgWorkflow", () => {
      it("adds a member once under 20 concurrent joins, and rolls back a new membership", async () => {
        const customer = await container.resolve(Modules.CUSTOMER).createCustomers({ email: uniqueEmail("member") })
        const failed = await runFailingAfter(wf.joinOrgWorkflow(container), "ensure-org-member", {
          org_id: org.org.id,
          customer_id: customer.id,
        })
        expect(failed.errors).toHaveLength(1)
        expect(await orgs().listOrgMembers({ customer_id: customer.id })).toHaveLength(0)

        const runs = await Promise.all(
          Array.from({ length: 20 }, () =>
            wf.joinOrgWorkflow(container).run({ input: { org_id: org.org.id, customer_id: customer.id, type: "customer" } })
          )
        )
        expect(runs.filter((r: any) => r.result.created)).toHaveLength(1)
        const members = await orgs().listOrgMembers({ customer_id: customer.id })
        expect(members).toHaveLength(1)
        expect(members[0]).toMatchObject({ org_id: org.org.id, type: "customer" })
      })
    })
  },
})
