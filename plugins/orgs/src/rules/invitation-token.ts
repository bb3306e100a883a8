import { createHash, randomBytes } from "crypto"

/** Invitation tokens: 32 random bytes, URL-safe. Only their SHA-256 is stored. */
export const generateInvitationToken = () => randomBytes(32).toString("base64url")

export const hashInvitationToken = (token: string) =>
  createHash("sha256").update(token, "utf8").digest("hex")

/** Invitations are valid for 7 days unless the inviter asks otherwise (1 to 30). */
export const DEFAULT_INVITATION_DAYS = 7
