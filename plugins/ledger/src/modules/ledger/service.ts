import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { BigNumberInput, Context, DAL, InferTypeOf, ModulesSdkTypes } from "@medusajs/framework/types"
import {
  generateEntityId,
  InjectManager,
  InjectTransactionManager,
  MedusaContext,
  MedusaError,
  MathBN,
  MedusaService,
} from "@medusajs/framework/utils"
import { currencyDigits, fromMinor, toMinor } from "../../utils/money"
import { ACCOUNT_TYPES, LedgerAccount } from "./models/ledger-account"
import { LedgerEntry } from "./models/ledger-entry"
import { LedgerTransaction, TRANSACTION_KINDS } from "./models/ledger-transaction"

export type AccountType = (typeof ACCOUNT_TYPES)[number]
export type TransactionKind = (typeof TRANSACTION_KINDS)[number]
export type Direction = "debit" | "credit"
/** An account as `ensureAccounts` returns it (keyed by `accountKey`). */
export type LedgerAccountRow = InferTypeOf<typeof LedgerAccount>

/** What identifies an account: org, purpose, currency and (for per-person accounts) owner. */
export type AccountSpec = {
  org_id: string
  code: string
  type: AccountType
  currency_code: string
  name?: string
  owner_type?: string | null
  owner_id?: string | null
}

export type PostEntryInput = {
  account_id: string
  direction: Direction
  /** Major units (Medusa's convention); rounded to the currency's minor digits. */
  amount: BigNumberInput
  product_id?: string | null
  line_item_id?: string | null
  metadata?: Record<string, unknown> | null
}

export type PostTransactionInput = {
  org_id: string
  currency_code: string
  kind: TransactionKind
  reference_type: string
  reference_id: string
  reverses_id?: string | null
  description?: string | null
  flags?: string[] | null
  occurred_at?: Date | string | null
  metadata?: Record<string, unknown> | null
  entries: PostEntryInput[]
  /** Accounts whose balance (on their normal side) must not go below zero after posting. */
  no_negative_balance?: string[]
}

/** A posted entry as the service returns it (its amount as Medusa serializes a big number). */
export type PostedLedgerEntry = {
  id: string
  transaction_id: string
  account_id: string
  org_id: string
  currency_code: string
  direction: Direction
  amount: string | number
  product_id: string | null
  line_item_id: string | null
  metadata: Record<string, unknown> | null
}

/** A posted transaction as the service returns it: its row with its entries. */
export type PostedLedgerTransaction = {
  id: string
  org_id: string
  currency_code: string
  kind: TransactionKind
  reference_type: string
  reference_id: string
  reverses_id: string | null
  description: string | null
  flags: string[] | null
  occurred_at: Date | string
  metadata: Record<string, unknown> | null
  entries: PostedLedgerEntry[]
}

/** What posting answers: the transaction, and whether this call created it (false: it was there). */
export type PostResult = { transaction: PostedLedgerTransaction; created: boolean }

export type AccountBalance = { account_id: string; debits: string; credits: string; balance: string }

export const SUMMARY_GROUPS = {
  org_id: "e.org_id",
  currency_code: "e.currency_code",
  account_id: "e.account_id",
  code: "a.code",
  owner_type: "a.owner_type",
  owner_id: "a.owner_id",
  kind: "t.kind",
  month: "to_char(t.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM')",
  product_id: "e.product_id",
  // The order a transaction is about: its metadata's order_id (reversals, adjustments, manual
  // corrections that name one), else the reference of an order's capture posting.
  order_id: "COALESCE(t.metadata->>'order_id', CASE WHEN t.reference_type = 'order' THEN t.reference_id END)",
} as const
export type SummaryGroup = keyof typeof SUMMARY_GROUPS
export type SummaryFilter = {
  org_id?: string
  currency_code?: string
  codes?: string[]
  owner_type?: string
  owner_ids?: string[]
  product_ids?: string[]
  kinds?: TransactionKind[]
  order_ids?: string[]
  from?: Date
  to?: Date
}
export type SummaryRow = Partial<Record<SummaryGroup, string | null>> & { debits: string; credits: string }

/** The account key: what makes two "find or create" calls mean the same account. */
export const accountKey = (s: Pick<AccountSpec, "org_id" | "code" | "currency_code" | "owner_type" | "owner_id">) =>
  [s.org_id, s.code, s.currency_code.toLowerCase(), s.owner_type ?? "", s.owner_id ?? ""].join(":")

export const normalBalanceOf = (type: AccountType): Direction => (type === "asset" || type === "expense" ? "debit" : "credit")

const refuser = (what: string) => async (..._args: unknown[]): Promise<never> => {
  throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Ledger ${what} are append-only: post a transaction instead`)
}

type Injected = {
  baseRepository: DAL.RepositoryService
  ledgerTransactionService: ModulesSdkTypes.IMedusaInternalService<typeof LedgerTransaction>
  ledgerEntryService: ModulesSdkTypes.IMedusaInternalService<typeof LedgerEntry>
}

const knexOf = (context: Context) => {
  const manager = (context.transactionManager ?? context.manager) as SqlEntityManager
  return manager.getTransactionContext() ?? manager.getKnex()
}

const isUniqueViolation = (error: unknown) => {
  const e = (typeof error === "object" && error !== null ? error : {}) as { code?: unknown; message?: unknown }
  return e.code === "23505" || /duplicate key|unique constraint|already exists/i.test(String(e.message ?? ""))
}

/**
 * Double-entry ledger. Transactions are posted whole (one DB transaction) and balanced in
 * exact minor units; entries are never updated or deleted; balances are SQL sums.
 * Generated create/update/delete methods for transactions and entries refuse: the only
 * way in is `postTransaction`.
 */
export default class LedgerModuleService extends MedusaService({ LedgerAccount, LedgerTransaction, LedgerEntry }) {
  protected baseRepository_: DAL.RepositoryService
  protected ledgerTransactionService_: ModulesSdkTypes.IMedusaInternalService<typeof LedgerTransaction>
  protected ledgerEntryService_: ModulesSdkTypes.IMedusaInternalService<typeof LedgerEntry>

  constructor(deps: Injected) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.baseRepository_ = deps.baseRepository
    this.ledgerTransactionService_ = deps.ledgerTransactionService
    this.ledgerEntryService_ = deps.ledgerEntryService
  }

  // Append-only: the generated writers of transactions and entries refuse (postTransaction is the way in).
  createLedgerTransactions = refuser("transactions")
  createLedgerEntries = refuser("entries")
  updateLedgerTransactions = refuser("transactions")
  updateLedgerEntries = refuser("entries")
  deleteLedgerTransactions = refuser("transactions")
  deleteLedgerEntries = refuser("entries")
  softDeleteLedgerTransactions = refuser("transactions")
  softDeleteLedgerEntries = refuser("entries")
  restoreLedgerTransactions = refuser("transactions")
  restoreLedgerEntries = refuser("entries")

  /**
   * Finds or creates accounts by identity (INSERT ... ON CONFLICT DO NOTHING on the unique
   * key, so concurrent callers agree). Returns every account asked for, keyed by
   * `accountKey`, and the ids this call created (for a compensation to remove).
   */
  @InjectTransactionManager()
  async ensureAccounts(
    specs: AccountSpec[],
    @MedusaContext() context: Context = {}
  ): Promise<{ accounts: Record<string, LedgerAccountRow>; created_ids: string[] }> {
    const byKey = new Map<string, AccountSpec>()
    for (const [i, spec] of specs.entries()) {
      if (!spec?.org_id || !spec.code) {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, `accounts[${i}] needs org_id and code`)
      }
      if (!ACCOUNT_TYPES.includes(spec.type)) {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, `accounts[${i}].type must be one of ${ACCOUNT_TYPES.join(", ")}`)
      }
      currencyDigits(spec.currency_code)
      byKey.set(accountKey(spec), spec)
    }
    if (!byKey.size) return { accounts: {}, created_ids: [] }
    const knex = knexOf(context)
    const rows = [...byKey.entries()].map(([key, s]) => [
      generateEntityId(undefined, "lacc"),
      key,
      s.org_id,
      s.code,
      s.name ?? s.code,
      s.type,
      normalBalanceOf(s.type),
      s.currency_code.toLowerCase(),
      s.owner_type ?? null,
      s.owner_id ?? null,
    ])
    const inserted = await knex.raw(
      `INSERT INTO ledger_account (id, key, org_id, code, name, type, normal_balance, currency_code, owner_type, owner_id)
       VALUES ${rows.map(() => "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)").join(", ")}
       ON CONFLICT (key) WHERE deleted_at IS NULL DO NOTHING RETURNING id`,
      rows.flat()
    )
    const accounts = await this.listLedgerAccounts({ key: [...byKey.keys()] }, {}, context)
    return {
      accounts: Object.fromEntries(accounts.map((a) => [a.key, a])),
      created_ids: (inserted.rows ?? []).map((r: { id: string }) => r.id),
    }
  }

  /**
   * Posts a balanced transaction, or returns the one already posted for the same
   * (reference_type, reference_id) with `created: false`. A concurrent duplicate that
   * loses the race on the unique index is answered the same way.
   */
  @InjectManager()
  async postTransaction(
    input: PostTransactionInput,
    @MedusaContext() context: Context = {}
  ): Promise<PostResult> {
    try {
      return await this.postTransaction_(input, context)
    } catch (error) {
      if (!context.transactionManager && isUniqueViolation(error)) {
        const existing = await this.findByReference(input.reference_type, input.reference_id, context)
        if (existing) return { transaction: existing, created: false }
      }
      throw error
    }
  }

  @InjectManager()
  async findByReference(
    referenceType: string,
    referenceId: string,
    @MedusaContext() context: Context = {}
  ): Promise<PostedLedgerTransaction | null> {
    const [found] = await this.listLedgerTransactions(
      { reference_type: referenceType, reference_id: referenceId },
      { relations: ["entries"], take: 1 },
      context
    )
    // The generated DTO types relations and big numbers loosely; the row is this shape.
    return (found as unknown as PostedLedgerTransaction | undefined) ?? null
  }

  @InjectTransactionManager()
  protected async postTransaction_(
    input: PostTransactionInput,
    @MedusaContext() context: Context = {}
  ): Promise<PostResult> {
    const { entries, currency } = await this.validatePosting_(input, context)
    const existing = await this.findByReference(input.reference_type, input.reference_id, context)
    if (existing) return { transaction: existing, created: false }

    if (input.no_negative_balance?.length) {
      await this.assertStaysNonNegative_(input.no_negative_balance, entries, currency, context)
    }

    const [transaction] = await this.insert_([{ input, entries, currency }], context)
    return { transaction, created: true }
  }

  /** Writes validated postings (two inserts whatever their number); returns them serialized with their entries, in order. */
  protected async insert_(
    postings: { input: PostTransactionInput; entries: (PostEntryInput & { minor: bigint })[]; currency: string }[],
    context: Context
  ): Promise<PostedLedgerTransaction[]> {
    const made = await this.ledgerTransactionService_.create(
      postings.map(({ input, currency }) => ({
        org_id: input.org_id,
        currency_code: currency,
        kind: input.kind,
        reference_type: input.reference_type,
        reference_id: input.reference_id,
        reverses_id: input.reverses_id ?? null,
        description: input.description ?? null,
        flags: input.flags?.length ? input.flags : null,
        occurred_at: input.occurred_at ? new Date(input.occurred_at) : new Date(),
        metadata: input.metadata ?? null,
      })),
      context
    )
    const entries = await this.ledgerEntryService_.create(
      postings.flatMap(({ input, entries, currency }, i) =>
        entries.map((e) => ({
          transaction_id: made[i].id,
          account_id: e.account_id,
          org_id: input.org_id,
          currency_code: currency,
          direction: e.direction,
          amount: fromMinor(e.minor, currency),
          product_id: e.product_id ?? null,
          line_item_id: e.line_item_id ?? null,
          metadata: e.metadata ?? null,
        }))
      ),
      context
    )
    const [posted, postedEntries] = await Promise.all([
      this.baseRepository_.serialize<Omit<PostedLedgerTransaction, "entries">[]>(made),
      this.baseRepository_.serialize<(PostedLedgerEntry & { transaction?: { id: string }; account?: unknown })[]>(entries),
    ])
    const entriesOf = new Map<string, PostedLedgerEntry[]>()
    for (const { transaction: t, account: _a, ...e } of postedEntries) {
      const id = e.transaction_id ?? t?.id
      entriesOf.set(id, [...(entriesOf.get(id) ?? []), e])
    }
    return posted.map((t) => ({ ...t, entries: entriesOf.get(t.id) ?? [] }))
  }

  /** Shape, rounding, accounts (same org and currency) and balance: 400s naming the field. */
  protected async validatePosting_(input: PostTransactionInput, context: Context) {
    const { entries, currency } = this.validateShape_(input)
    const ids = [...new Set(entries.map((e) => e.account_id))]
    const accounts = await this.listLedgerAccounts({ id: ids }, { select: ["id", "org_id", "currency_code"] }, context)
    this.checkAccounts_(input, entries, currency, new Map(accounts.map((a) => [a.id, a])))
    return { entries, currency }
  }

  /** Shape, rounding and balance of one posting (no reads): 400s naming the field. */
  protected validateShape_(input: PostTransactionInput, label = "") {
    const invalid = (message: string) => new MedusaError(MedusaError.Types.INVALID_DATA, `${label}${message}`)
    for (const field of ["org_id", "currency_code", "reference_type", "reference_id"] as const) {
      if (!input?.[field] || typeof input[field] !== "string") throw invalid(`${field} is required`)
    }
    if (!TRANSACTION_KINDS.includes(input.kind)) throw invalid(`kind must be one of ${TRANSACTION_KINDS.join(", ")}`)
    const currency = input.currency_code.toLowerCase()
    currencyDigits(currency)
    if (!Array.isArray(input.entries) || !input.entries.length) throw invalid("entries must not be empty")

    const entries = input.entries
      .map((e, i) => {
        if (e.direction !== "debit" && e.direction !== "credit") {
          throw invalid(`entries[${i}].direction must be debit or credit`)
        }
        const minor = toMinor(e.amount, currency, { field: `${label}entries[${i}].amount` })
        if (minor < 0n) throw invalid(`entries[${i}].amount must not be negative`)
        return { ...e, minor, index: i }
      })
      .filter((e) => e.minor > 0n)
    const debits = entries.filter((e) => e.direction === "debit").reduce((s, e) => s + e.minor, 0n)
    const credits = entries.filter((e) => e.direction === "credit").reduce((s, e) => s + e.minor, 0n)
    if (debits !== credits) {
      throw invalid(
        `entries are unbalanced: debits ${fromMinor(debits, currency)} != credits ${fromMinor(credits, currency)} ${currency.toUpperCase()}`
      )
    }
    if (debits === 0n) throw invalid("entries must move a positive amount")
    return { entries, currency }
  }

  /** Every entry's account exists and belongs to the posting's org and currency. */
  protected checkAccounts_(
    input: PostTransactionInput,
    entries: { account_id: string; index: number }[],
    currency: string,
    byId: Map<string, { org_id: string; currency_code: string }>,
    label = ""
  ) {
    for (const e of entries) {
      const account = byId.get(e.account_id)
      const invalid = (message: string) => new MedusaError(MedusaError.Types.INVALID_DATA, `${label}${message}`)
      if (!account) throw invalid(`entries[${e.index}].account_id "${e.account_id}" is not a ledger account`)
      if (account.org_id !== input.org_id || account.currency_code !== currency) {
        throw invalid(`entries[${e.index}].account_id "${e.account_id}" belongs to another org or currency`)
      }
    }
  }

  /**
   * Posts many balanced transactions at once: one read of their accounts, one of the
   * references already posted, one insert of transactions and one of entries, in one DB
   * transaction (all or nothing). Results follow the inputs: a reference posted before, or
   * twice in the batch, is answered with `created: false`. Errors name the input
   * (`transactions[3].entries[1].amount ...`). Inputs that guard a balance
   * (`no_negative_balance`) are posted in order, one by one, inside the same DB transaction.
   */
  @InjectManager()
  async postTransactions(
    inputs: PostTransactionInput[],
    @MedusaContext() context: Context = {}
  ): Promise<PostResult[]> {
    if (!inputs?.length) return []
    try {
      return await this.postTransactions_(inputs, context)
    } catch (error) {
      if (context.transactionManager || !isUniqueViolation(error)) throw error
      // A concurrent poster won a reference: post one by one (each answers its duplicate),
      // undoing this call's postings if one of them fails.
      const results: PostResult[] = []
      try {
        for (const input of inputs) results.push(await this.postTransaction(input, context))
      } catch (inner) {
        await this.rollbackPostedTransactions(results.filter((r) => r.created).map((r) => r.transaction.id), context)
        throw inner
      }
      return results
    }
  }

  @InjectTransactionManager()
  protected async postTransactions_(
    inputs: PostTransactionInput[],
    @MedusaContext() context: Context = {}
  ): Promise<PostResult[]> {
    if (inputs.some((i) => i?.no_negative_balance?.length)) {
      const results: PostResult[] = []
      for (const input of inputs) results.push(await this.postTransaction_(input, context))
      return results
    }
    const label = (i: number) => (inputs.length > 1 ? `transactions[${i}].` : "")
    const checked = inputs.map((input, i) => ({ input, ...this.validateShape_(input, label(i)) }))
    const accountIds = [...new Set(checked.flatMap((c) => c.entries.map((e) => e.account_id)).filter(Boolean))]
    const accounts = await this.listLedgerAccounts({ id: accountIds }, { select: ["id", "org_id", "currency_code"] }, context)
    const accountsById = new Map(accounts.map((a) => [a.id, a]))
    checked.forEach((c, i) => this.checkAccounts_(c.input, c.entries, c.currency, accountsById, label(i)))

    const refOf = (i: PostTransactionInput) => `${i.reference_type}\u0000${i.reference_id}`
    const pairs = [...new Map(inputs.map((i) => [refOf(i), [i.reference_type, i.reference_id]])).values()]
    const knex = knexOf(context)
    const found: { id: string }[] = await knex("ledger_transaction")
      .select("id")
      .whereIn(["reference_type", "reference_id"], pairs)
      .whereNull("deleted_at")
    const byRef = new Map<string, PostedLedgerTransaction>()
    if (found.length) {
      const earlier = await this.listLedgerTransactions({ id: found.map((f) => f.id) }, { relations: ["entries"], take: found.length }, context)
      // The generated DTO types relations and big numbers loosely; the rows are this shape.
      for (const t of earlier as unknown as PostedLedgerTransaction[]) byRef.set(refOf(t), t)
    }
    const before = new Set(byRef.keys())
    // First occurrence of each reference not posted before.
    const seen = new Set(before)
    const fresh = checked.filter((c) => !seen.has(refOf(c.input)) && Boolean(seen.add(refOf(c.input))))
    if (fresh.length) {
      for (const t of await this.insert_(fresh, context)) byRef.set(refOf(t), t)
    }
    const answered = new Set<string>()
    return inputs.map((input) => {
      const ref = refOf(input)
      const created = !before.has(ref) && !answered.has(ref)
      answered.add(ref)
      const transaction = byRef.get(ref)
      if (!transaction) {
        throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, `No transaction was posted for ${input.reference_type} ${input.reference_id}`)
      }
      return { transaction, created }
    })
  }

  /**
   * Finds or creates `specs` and posts what `build` makes of them (it gets the accounts keyed
   * by `accountKey` and returns the transactions with account ids), in ONE DB transaction:
   * a posting refused (unbalanced, overdrawn...) leaves no account it would have created.
   * Results follow the built inputs as in `postTransactions`; `created_account_ids` are the
   * accounts this call created (for a compensation). A call that loses a reference to a
   * concurrent poster is run once more: that reference is then answered `created: false`.
   */
  @InjectManager()
  async postWithAccounts(
    specs: AccountSpec[],
    build: (accounts: Record<string, LedgerAccountRow>) => PostTransactionInput[],
    @MedusaContext() context: Context = {}
  ): Promise<{ results: PostResult[]; created_account_ids: string[] }> {
    try {
      return await this.postWithAccounts_(specs, build, context)
    } catch (error) {
      if (context.transactionManager || !isUniqueViolation(error)) throw error
      return await this.postWithAccounts_(specs, build, context)
    }
  }

  @InjectTransactionManager()
  protected async postWithAccounts_(
    specs: AccountSpec[],
    build: (accounts: Record<string, LedgerAccountRow>) => PostTransactionInput[],
    @MedusaContext() context: Context = {}
  ): Promise<{ results: PostResult[]; created_account_ids: string[] }> {
    const { accounts, created_ids } = await this.ensureAccounts(specs ?? [], context)
    const inputs = build(accounts)
    const results = inputs?.length ? await this.postTransactions_(inputs, context) : []
    return { results, created_account_ids: created_ids }
  }

  /** Locks the accounts (FOR UPDATE, sorted) and refuses a posting that takes one below zero. */
  protected async assertStaysNonNegative_(
    accountIds: string[],
    entries: { account_id: string; direction: Direction; minor: bigint }[],
    currency: string,
    context: Context
  ) {
    const ids = [...new Set(accountIds)].sort()
    const knex = knexOf(context)
    await knex("ledger_account").select("id").whereIn("id", ids).forUpdate()
    const balances = await this.getBalances(ids, context)
    const accounts = await this.listLedgerAccounts({ id: ids }, { select: ["id", "name", "normal_balance"] }, context)
    for (const account of accounts) {
      const before = toMinor(balances[account.id]?.balance ?? "0", currency)
      const effect = entries
        .filter((e) => e.account_id === account.id)
        .reduce((s, e) => s + (e.direction === account.normal_balance ? e.minor : -e.minor), 0n)
      if (before + effect < 0n) {
        throw new MedusaError(
          MedusaError.Types.NOT_ALLOWED,
          `This would leave "${account.name}" at ${fromMinor(before + effect, currency)} ${currency.toUpperCase()} ` +
            `(balance ${fromMinor(before, currency)}): balances may not go negative`
        )
      }
    }
  }

  /** Debits, credits and balance (on the account's normal side) per account: SQL sums. */
  @InjectManager()
  async getBalances(accountIds: string[], @MedusaContext() context: Context = {}): Promise<Record<string, AccountBalance>> {
    if (!accountIds.length) return {}
    const rows: { id: string; normal_balance: Direction; debits: string; credits: string }[] = await knexOf(context)("ledger_account as a")
      .leftJoin("ledger_entry as e", (join: Knex.JoinClause) => {
        join.on("e.account_id", "=", "a.id").andOnNull("e.deleted_at")
      })
      .whereIn("a.id", accountIds)
      .groupBy("a.id", "a.normal_balance")
      .select(
        "a.id",
        "a.normal_balance",
        knexOf(context).raw(`COALESCE(SUM(CASE WHEN e.direction = 'debit' THEN e.amount ELSE 0 END), 0)::text AS debits`),
        knexOf(context).raw(`COALESCE(SUM(CASE WHEN e.direction = 'credit' THEN e.amount ELSE 0 END), 0)::text AS credits`)
      )
    const out: Record<string, AccountBalance> = {}
    for (const r of rows) {
      const [debits, credits] = [r.debits as string, r.credits as string]
      const balance = (r.normal_balance === "debit" ? MathBN.sub(debits, credits) : MathBN.sub(credits, debits)).toFixed()
      out[r.id] = { account_id: r.id, debits, credits, balance }
    }
    return out
  }

  /**
   * Debit and credit sums of entries grouped by any of SUMMARY_GROUPS (month is the UTC
   * calendar month of the transaction). Statements and summaries are built from this.
   */
  @InjectManager()
  async summarizeEntries(
    filter: SummaryFilter,
    groupBy: SummaryGroup[],
    @MedusaContext() context: Context = {}
  ): Promise<SummaryRow[]> {
    const knex = knexOf(context)
    const q = knex("ledger_entry as e")
      .join("ledger_transaction as t", "t.id", "e.transaction_id")
      .join("ledger_account as a", "a.id", "e.account_id")
      .whereNull("e.deleted_at")
    if (filter.org_id) q.where("e.org_id", filter.org_id)
    if (filter.currency_code) q.where("e.currency_code", filter.currency_code.toLowerCase())
    if (filter.codes) q.whereIn("a.code", filter.codes)
    if (filter.owner_type) q.where("a.owner_type", filter.owner_type)
    if (filter.owner_ids) q.whereIn("a.owner_id", filter.owner_ids)
    if (filter.product_ids) q.whereIn("e.product_id", filter.product_ids)
    if (filter.kinds) q.whereIn("t.kind", filter.kinds)
    if (filter.order_ids) q.whereIn(knex.raw(SUMMARY_GROUPS.order_id), filter.order_ids)
    if (filter.from) q.where("t.occurred_at", ">=", filter.from)
    if (filter.to) q.where("t.occurred_at", "<", filter.to)
    const groups = [...new Set(groupBy)]
    for (const g of groups) {
      const expression = SUMMARY_GROUPS[g]
      if (!expression) throw new MedusaError(MedusaError.Types.INVALID_DATA, `cannot group ledger entries by "${g}"`)
      q.select(knex.raw(`${expression} AS ${g}`))
      q.groupByRaw(expression)
    }
    q.select(
      knex.raw(`COALESCE(SUM(CASE WHEN e.direction = 'debit' THEN e.amount ELSE 0 END), 0)::text AS debits`),
      knex.raw(`COALESCE(SUM(CASE WHEN e.direction = 'credit' THEN e.amount ELSE 0 END), 0)::text AS credits`)
    )
    if (groups.length) q.orderByRaw(groups.map((g) => SUMMARY_GROUPS[g]).join(", "))
    return (await q) as SummaryRow[]
  }

  /**
   * Removes transactions a failed workflow posted (its compensation): the undo of a
   * posting that never completed, not an edit of the books. Hard delete, entries first.
   */
  @InjectTransactionManager()
  async rollbackPostedTransactions(ids: string[], @MedusaContext() context: Context = {}) {
    if (!ids?.length) return
    const knex = knexOf(context)
    await knex("ledger_entry").whereIn("transaction_id", ids).delete()
    await knex("ledger_transaction").whereIn("id", ids).delete()
  }

  /** Removes accounts a failed workflow created, when nothing was posted to them. */
  @InjectTransactionManager()
  async removeUnusedAccounts(ids: string[], @MedusaContext() context: Context = {}) {
    if (!ids?.length) return
    const knex = knexOf(context)
    await knex("ledger_account")
      .whereIn("id", ids)
      .whereNotExists(knex("ledger_entry").select(knex.raw("1")).whereRaw("ledger_entry.account_id = ledger_account.id"))
      .delete()
  }
}

