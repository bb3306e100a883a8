import type { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import { ORG_MODULE, type OrgModuleService } from "../modules/org"

/**
 * Makes existing admin users platform operators, by email:
 *
 *   npx medusa exec ./node_modules/@volmify/orgs/.medusa/server/src/scripts/make-platform-operator.js owner@example.com
 *
 * Installing @volmify/orgs into a store puts every admin route behind the org gate: a user who
 * is neither a platform operator nor staff of an org reaches only `GET /admin/users/me`. This is
 * the documented way to make the first operator (and any later one) from the command line,
 * where only someone with the server's database credentials can run it. It never creates
 * users: make them with `medusa user -e <email> -p <password>` or an invitation first.
 * Running it twice for the same user changes nothing.
 */
export default async function makePlatformOperator({ container, args }: ExecArgs): Promise<string[]> {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const emails = parseEmails(args)
  const lookup = [...new Set(emails.flatMap((e) => [e, e.toLowerCase()]))]
  const users = await container.resolve(Modules.USER).listUsers({ email: lookup }, { take: lookup.length })
  const byEmail = new Map(users.map((u) => [u.email.toLowerCase(), u.id]))
  const missing = emails.filter((e) => !byEmail.has(e.toLowerCase()))
  if (missing.length) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      `No admin user has the email ${missing.join(", ")}. Create it first (npx medusa user -e <email> -p <password>), then run this again.`
    )
  }
  const orgs = container.resolve<OrgModuleService>(ORG_MODULE)
  const made: string[] = []
  for (const email of emails) {
    const userId = byEmail.get(email.toLowerCase())!
    if (await orgs.isPlatformOperator(userId)) {
      logger.info(`${email} is already a platform operator`)
      continue
    }
    await orgs.createPlatformOperators({ user_id: userId })
    made.push(userId)
    logger.info(`${email} is now a platform operator`)
  }
  return made
}

/** Trimmed emails from the command line, one per address whatever its case; a clear error when none is valid. */
export function parseEmails(args: string[] | undefined): string[] {
  const given = (args ?? []).map((a) => a.trim()).filter(Boolean)
  if (!given.length) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      "Name the admin user(s) to make platform operators: medusa exec <this script> owner@example.com"
    )
  }
  const invalid = given.filter((e) => !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(e))
  if (invalid.length) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `Not an email address: ${invalid.join(", ")}`)
  }
  const seen = new Set<string>()
  return given.filter((e) => !seen.has(e.toLowerCase()) && seen.add(e.toLowerCase()))
}
