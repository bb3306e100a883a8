import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

export type CreateInvitedUserInput = {
  auth_identity_id: string
  email: string
  first_name?: string | null
  last_name?: string | null
}

/**
 * Creates the user of someone signing up with an invitation token and ties their auth
 * identity to it. Written here rather than reusing createUserAccountWorkflow because
 * that workflow's setAuthAppMetadataStep compensation deletes `user_id` from a copy of
 * app_metadata, which the merging JSON update ignores: a rolled-back sign-up could
 * never be retried.
 */
export const createInvitedUserStep = createStep(
  "create-invited-user",
  async (input: CreateInvitedUserInput, { container }) => {
    const auth = container.resolve(Modules.AUTH)
    const identity = await auth
      .retrieveAuthIdentity(input.auth_identity_id, { relations: ["provider_identities"] })
      .catch(() => null)
    if (!identity) {
      throw new MedusaError(
        MedusaError.Types.UNAUTHORIZED,
        "Sign up first (POST /auth/user/emailpass/register) or log in to accept the invitation"
      )
    }
    // The invitation names a person by email: the login being created must be that email,
    // or a stolen link would hand a staff account to whoever registers with any address.
    const logins = (identity.provider_identities ?? []).map((p) => p.entity_id.toLowerCase())
    if (!logins.includes(input.email.toLowerCase())) {
      throw new MedusaError(
        MedusaError.Types.FORBIDDEN,
        `This invitation is for ${input.email}; you registered as ${logins.join(", ") || "another login"}. Register with the invited email`
      )
    }
    const metadata = { ...(identity.app_metadata ?? {}) }
    if (metadata.user_id) {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "This login already belongs to a user; log in to accept")
    }
    const user = await container.resolve(Modules.USER).createUsers({
      email: input.email,
      first_name: input.first_name ?? undefined,
      last_name: input.last_name ?? undefined,
    })
    await auth.updateAuthIdentities({ id: identity.id, app_metadata: { ...metadata, user_id: user.id } })
    return new StepResponse(user, { user_id: user.id, identity_id: identity.id, metadata })
  },
  async (undo, { container }) => {
    if (!undo) {
      return
    }
    // JSON updates merge into what is stored, so the key is cleared with null, not dropped.
    await container
      .resolve(Modules.AUTH)
      .updateAuthIdentities({ id: undo.identity_id, app_metadata: { ...undo.metadata, user_id: null } })
    await container.resolve(Modules.USER).deleteUsers([undo.user_id])
  }
)
