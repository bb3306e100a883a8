import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import {
  createApiKeysWorkflow,
  createSalesChannelsWorkflow,
  createUserAccountWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
} from "@medusajs/medusa/core-flows"

/** The axios instance medusaIntegrationTestRunner hands to a suite. */
export type Api = {
  get: (url: string, config?: object) => Promise<any>
  post: (url: string, body?: unknown, config?: object) => Promise<any>
  delete: (url: string, config?: object) => Promise<any>
}

export type Headers = Record<string, string>
export type AdminActor = { user: { id: string; email: string }; token: string; headers: Headers }
export type StoreKey = { token: string; salesChannelId: string; headers: Headers }
export type CustomerActor = { customer: { id: string; email: string }; token: string; headers: Headers }

let seq = 0
/** A unique email for a test actor. */
export const uniqueEmail = (label: string) => `${label}.${Date.now()}.${++seq}@test.volmify.local`

/** An admin user with an emailpass identity, logged in through Medusa's auth route. */
export async function createAdminUser(
  container: MedusaContainer,
  api: Api,
  { email = uniqueEmail("admin"), password = "test-password-1" } = {}
): Promise<AdminActor> {
  const auth = container.resolve(Modules.AUTH)
  const { authIdentity, error } = await auth.register("emailpass", { body: { email, password } })
  if (error || !authIdentity) {
    throw new Error(`could not register ${email}: ${error}`)
  }
  const { result: user } = await createUserAccountWorkflow(container).run({
    input: { authIdentityId: authIdentity.id, userData: { email, first_name: "Test", last_name: "Admin" } },
  })
  const { data } = await api.post("/auth/user/emailpass", { email, password })
  return {
    user: { id: user.id, email },
    token: data.token,
    headers: { authorization: `Bearer ${data.token}` },
  }
}

/** An admin user explicitly marked as a platform operator. */
export async function createPlatformAdmin(
  container: MedusaContainer,
  api: Api,
  opts: { email?: string; password?: string } = {}
): Promise<AdminActor> {
  const admin = await createAdminUser(container, api, opts)
  const orgs = container.resolve<{ createPlatformOperators(d: { user_id: string }): Promise<unknown> }>("org")
  await orgs.createPlatformOperators({ user_id: admin.user.id })
  return admin
}

/** A publishable key scoped to `salesChannelId` (a new sales channel when omitted). */
export async function createPublishableKey(
  container: MedusaContainer,
  { salesChannelId, title = `test key ${++seq}` }: { salesChannelId?: string; title?: string } = {}
): Promise<StoreKey> {
  let channelId = salesChannelId
  if (!channelId) {
    const { result } = await createSalesChannelsWorkflow(container).run({
      input: { salesChannelsData: [{ name: `${title} channel` }] },
    })
    channelId = result[0].id
  }
  const { result: keys } = await createApiKeysWorkflow(container).run({
    input: { api_keys: [{ title, type: "publishable", created_by: "test" }] },
  })
  await linkSalesChannelsToApiKeyWorkflow(container).run({
    input: { id: keys[0].id, add: [channelId] },
  })
  return {
    token: keys[0].token,
    salesChannelId: channelId,
    headers: { "x-publishable-api-key": keys[0].token },
  }
}

/** A customer registered through the store API, as a storefront would, and logged in. */
export async function createCustomer(
  api: Api,
  key: StoreKey,
  { email = uniqueEmail("customer"), password = "test-password-1" } = {}
): Promise<CustomerActor> {
  const registered = await api.post("/auth/customer/emailpass/register", { email, password })
  const { data } = await api.post(
    "/store/customers",
    { email, first_name: "Test", last_name: "Customer" },
    { headers: { ...key.headers, authorization: `Bearer ${registered.data.token}` } }
  )
  const login = await api.post("/auth/customer/emailpass", { email, password })
  return {
    customer: { id: data.customer.id, email },
    token: login.data.token,
    headers: { ...key.headers, authorization: `Bearer ${login.data.token}` },
  }
}
