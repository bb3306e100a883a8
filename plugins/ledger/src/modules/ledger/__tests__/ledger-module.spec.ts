import { asValue } from "@medusajs/framework/awilix"
import { createMedusaContainer } from "@medusajs/framework/utils"
import { createStep, createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import path from "node:path"
import { LEDGER_MODULE } from ".."
import { chartAccount } from "../../../chart"
import { postLedgerEntriesStep, type PostLedgerEntriesInput } from "../../../workflows/steps/post-ledger-entries"
import LedgerModuleService, { accountKey, AccountSpec } from "../service"

// Workflows that run the ledger's posting step alone, and then a step that fails (its compensation runs).
const postOnly = createWorkflow("test-post-ledger-entries", (input: PostLedgerEntriesInput) => new WorkflowResponse(postLedgerEntriesStep(input)))
const failAfterPosting = createStep("test-fail-after-posting", async () => {
  throw new Error("forced failure after post-ledger-entries")
})
const postThenFail = createWorkflow("test-post-ledger-entries-then-fail", (input: PostLedgerEntriesInput) => {
  const results = postLedgerEntriesStep(input)
  failAfterPosting()
  return new WorkflowResponse(results)
})

jest.setTimeout(30_000)

const spec = (code: string, type: AccountSpec["type"], currency_code = "usd", owner?: string): AccountSpec => ({
  org_id: "org_1",
  code,
  type,
  currency_code,
  owner_type: owner ? "employee" : null,
  owner_id: owner ?? null,
})

moduleIntegrationTestRunner<LedgerModuleService>({
  moduleName: LEDGER_MODULE,
  resolve: path.join(__dirname, ".."),
  testSuite: ({ service }) => {
    async function chart(currency = "usd") {
      const specs = [spec("cash", "asset", currency), spec("revenue", "revenue", currency), spec("payable", "liability", currency, "oemp_1")]
      const { accounts } = await service.ensureAccounts(specs)
      const [cash, revenue, payable] = specs.map((s) => accounts[accountKey(s)].id as string)
      return { cash, revenue, payable }
    }
    const sale = (a: { cash: string; revenue: string; payable: string }, ref: string, cash: any, revenue: any, payable: any, currency = "usd") => ({
      org_id: "org_1",
      currency_code: currency,
      kind: "posting" as const,
      reference_type: "test",
      reference_id: ref,
      entries: [
        { account_id: a.cash, direction: "debit" as const, amount: cash },
        { account_id: a.revenue, direction: "credit" as const, amount: revenue },
        { account_id: a.payable, direction: "credit" as const, amount: payable },
      ],
    })

    describe("posting with accounts (postWithAccounts, postLedgerEntriesStep)", () => {
      const container = () => {
        const c = createMedusaContainer()
        c.register(LEDGER_MODULE, asValue(service))
        return c
      }
      // A JPY sale of 13616 on chart accounts: 4085 to the org, 9531 to an employee's payable.
      const jpySale = (ref: string, org_id = "org_1", payable = "9531.4") => ({
        org_id,
        currency_code: "JPY",
        kind: "posting" as const,
        reference_type: "test",
        reference_id: ref,
        entries: [
          { account: { code: "cash" as const }, direction: "debit" as const, amount: 13616 },
          { account: { code: "revenue" as const }, direction: "credit" as const, amount: "4084.6" },
          { account: { code: "payable" as const, owner: { type: "employee", id: "oemp_1", name: "Payable to Ana" } }, direction: "credit" as const, amount: payable },
        ],
      })

      it("opens the accounts once and posts in the same DB transaction; a refused posting leaves no account behind", async () => {
        const specs = [chartAccount("org_1", "cash", "jpy"), chartAccount("org_1", "payable", "jpy", { type: "employee", id: "oemp_1" })]
        const payout = (accounts: Record<string, any>, amount: number) => [
          {
            org_id: "org_1",
            currency_code: "jpy",
            kind: "payout" as const,
            reference_type: "payout",
            reference_id: `p_${amount}`,
            entries: [
              { account_id: accounts[accountKey(specs[1])].id, direction: "debit" as const, amount },
              { account_id: accounts[accountKey(specs[0])].id, direction: "credit" as const, amount },
            ],
            no_negative_balance: [accounts[accountKey(specs[1])].id],
          },
        ]
        // The payable is empty: the payout is refused after the accounts were inserted, and they go with it.
        await expect(service.postWithAccounts(specs, (accounts) => payout(accounts, 1))).rejects.toThrow(/at -1 JPY \(balance 0\)/)
        await expect(service.postWithAccounts(specs, () => { throw new Error("build failed") })).rejects.toThrow("build failed")
        expect(await service.listLedgerAccounts({})).toEqual([])
        expect(await service.listLedgerTransactions({})).toEqual([])

        const { results, created_account_ids } = await service.postWithAccounts(specs, () => [])
        expect([results, created_account_ids.length]).toEqual([[], 2])
        const again = await service.postWithAccounts([...specs, chartAccount("org_1", "revenue", "jpy")], (accounts) =>
          [{ ...payout(accounts, 1)[0], kind: "posting" as const, reference_type: "test", no_negative_balance: undefined }]
        )
        expect(again.created_account_ids).toHaveLength(1)
        expect(again.results.map((r) => [r.created, r.transaction.entries.length])).toEqual([[true, 2]])
        expect(await service.listLedgerAccounts({})).toHaveLength(3)
      })

      it("postLedgerEntriesStep posts by chart code and owner (JPY, to the yen), once per reference, and names a bad account", async () => {
        const { result } = await postOnly(container()).run({ input: { transactions: [jpySale("s_1"), jpySale("s_2", "org_2")] } })
        expect(result.map((r: any) => [r.transaction.org_id, r.created])).toEqual([["org_1", true], ["org_2", true]])
        expect(result[0].transaction.entries.map((e: any) => [e.direction, String(e.amount)]).sort()).toEqual([
          ["credit", "4085"],
          ["credit", "9531"],
          ["debit", "13616"],
        ])
        const accounts = await service.listLedgerAccounts({ org_id: "org_1" })
        expect(accounts.map((a: any) => [a.code, a.currency_code, a.owner_id, a.name]).sort()).toEqual([
          ["cash", "jpy", null, "Cash and receivables"],
          ["payable", "jpy", "oemp_1", "Payable to Ana"],
          ["revenue", "jpy", null, "Org revenue"],
        ])
        // Replayed, and with an account given by id: nothing new.
        const cash = accounts.find((a: any) => a.code === "cash")!
        const replay = jpySale("s_1")
        replay.entries[0] = { account_id: cash.id, direction: "debit", amount: 13616 } as any
        const { result: again } = await postOnly(container()).run({ input: { transactions: [replay] } })
        expect([again[0].created, again[0].transaction.id]).toEqual([false, result[0].transaction.id])
        expect(await service.listLedgerAccounts({})).toHaveLength(6)
        expect(await service.listLedgerTransactions({})).toHaveLength(2)

        const bad = jpySale("s_3")
        bad.entries[1] = { account: { code: "income" }, direction: "credit", amount: "4084.6" } as any
        const refused = await postOnly(container()).run({ input: { transactions: [jpySale("s_4"), bad] }, throwOnError: false })
        expect(refused.errors.map((e: any) => e.error.message)).toEqual([
          expect.stringMatching(/^transactions\[1\]\.entries\[1\]\.account must be an account id or a chart account/),
        ])
        expect(await service.listLedgerTransactions({})).toHaveLength(2)
      })

      it("rolls back what it posted and the accounts it opened when a later step fails (accounts and postings made before stay)", async () => {
        await postOnly(container()).run({ input: { transactions: [jpySale("kept")] } })
        const before = (await service.listLedgerAccounts({})).map((a: any) => a.id).sort()
        const input = {
          transactions: [jpySale("kept"), jpySale("new_1"), { ...jpySale("new_2", "org_3"), currency_code: "usd" }],
          accounts: [chartAccount("org_1", "tax_payable", "jpy")],
        }
        const failed = await postThenFail(container()).run({ input, throwOnError: false })
        expect(failed.errors.map((e: any) => e.error.message)).toEqual(["forced failure after post-ledger-entries"])
        expect((await service.listLedgerTransactions({})).map((t: any) => t.reference_id)).toEqual(["kept"])
        expect((await service.listLedgerAccounts({})).map((a: any) => a.id).sort()).toEqual(before)

        const { result } = await postOnly(container()).run({ input })
        expect(result.map((r: any) => [r.transaction.reference_id, r.created])).toEqual([["kept", false], ["new_1", true], ["new_2", true]])
        expect(await service.listLedgerAccounts({})).toHaveLength(7)
      })
    })

    describe("ledger module", () => {
      it("finds or creates accounts by identity, with the normal balance of their type", async () => {
        const first = await service.ensureAccounts([spec("cash", "asset"), spec("payable", "liability", "usd", "oemp_1")])
        expect(first.created_ids).toHaveLength(2)
        const again = await service.ensureAccounts([spec("cash", "asset"), spec("payable", "liability", "usd", "oemp_1")])
        expect(again.created_ids).toEqual([])
        expect(Object.values(again.accounts).map((a: any) => [a.code, a.normal_balance]).sort()).toEqual([
          ["cash", "debit"],
          ["payable", "credit"],
        ])
        await Promise.all(Array.from({ length: 10 }, () => service.ensureAccounts([spec("revenue", "revenue")])))
        expect(await service.listLedgerAccounts({ code: "revenue" })).toHaveLength(1)
        await expect(service.ensureAccounts([spec("cash", "asset", "xx1")])).rejects.toThrow(/currency_code/)
      })

      it("refuses an unbalanced transaction and writes nothing", async () => {
        const a = await chart()
        await expect(service.postTransaction(sale(a, "unbalanced", "100.00", "30.00", "69.99"))).rejects.toThrow(
          /unbalanced: debits 100.00 != credits 99.99 USD/
        )
        await expect(service.postTransaction(sale(a, "negative", "-1", "-1", "0"))).rejects.toThrow(/entries\[0\].amount must not be negative/)
        await expect(service.postTransaction({ ...sale(a, "k", 1, 1, 0), kind: "gift" as any })).rejects.toThrow(/kind/)
        expect(await service.listLedgerTransactions({})).toHaveLength(0)
        expect(await service.listLedgerEntries({})).toHaveLength(0)
      })

      it("balance = credits - debits for credit-normal accounts (debits - credits for assets), in exact JPY", async () => {
        const a = await chart("jpy")
        // Amounts round to 0 digits at posting: 9531.4 -> 9531, 4084.6 -> 4085.
        const posted = await service.postTransaction(sale(a, "order_1", 13616, "4084.6", "9531.4", "jpy"))
        expect(posted.created).toBe(true)
        expect(posted.transaction.entries.map((e: any) => Number(e.amount)).sort((x: number, y: number) => x - y)).toEqual([4085, 9531, 13616])
        await service.postTransaction({
          org_id: "org_1",
          currency_code: "jpy",
          kind: "reversal",
          reference_type: "test",
          reference_id: "refund_1",
          entries: [
            { account_id: a.payable, direction: "debit", amount: 531 },
            { account_id: a.cash, direction: "credit", amount: 531 },
          ],
        })
        const balances = await service.getBalances([a.cash, a.payable, a.revenue])
        expect(balances[a.payable]).toEqual({ account_id: a.payable, debits: "531", credits: "9531", balance: "9000" })
        expect(balances[a.cash].balance).toBe("13085")
        expect(balances[a.revenue].balance).toBe("4085")
      })

      it("posts once per reference, also under concurrent duplicates", async () => {
        const a = await chart()
        const runs = await Promise.all(Array.from({ length: 10 }, () => service.postTransaction(sale(a, "order_2", "84.00", "25.20", "58.80"))))
        expect(runs.filter((r) => r.created)).toHaveLength(1)
        expect(new Set(runs.map((r) => r.transaction.id)).size).toBe(1)
        expect(await service.listLedgerEntries({})).toHaveLength(3)
        expect((await service.getBalances([a.payable]))[a.payable].balance).toBe("58.8")
      })

      it("posts a batch whole: one answer per input, earlier and repeated references not posted twice, a bad input writes nothing", async () => {
        const a = await chart()
        const y = await chart("jpy")
        await service.postTransaction(sale(a, "b_old", 10, 4, 6))
        // A bad input in the middle: the error names it, and nothing of the batch is written.
        await expect(
          service.postTransactions([sale(a, "b_1", "100.00", "70.00", "30.00"), sale(y, "b_2", 13616, 4084, 9531, "jpy"), sale(a, "b_3", 1, 1, 0)])
        ).rejects.toThrow(/transactions\[1\]\.entries are unbalanced: debits 13616 != credits 13615 JPY/)
        await expect(service.postTransactions([sale(a, "b_1", 1, 1, 0), sale(a, "b_9", 1, 1, 0), { ...sale(a, "b_4", 1, 1, 0), entries: [{ account_id: y.cash, direction: "debit", amount: 1 }, { account_id: a.revenue, direction: "credit", amount: 1 }] }])).rejects.toThrow(
          /transactions\[2\]\.entries\[0\]\.account_id .* another org or currency/
        )
        expect(await service.listLedgerTransactions({})).toHaveLength(1)

        const results = await service.postTransactions([
          sale(a, "b_1", "100.00", "70.00", "30.00"),
          sale(y, "b_2", 13616, 4085, 9531, "jpy"),
          sale(a, "b_old", 99, 99, 0),
          sale(a, "b_1", 1, 1, 0),
        ])
        expect(results.map((r) => [r.transaction.reference_id, r.created])).toEqual([
          ["b_1", true],
          ["b_2", true],
          ["b_old", false],
          ["b_1", false],
        ])
        expect(results[3].transaction.id).toBe(results[0].transaction.id)
        expect(results[1].transaction.entries.map((e: any) => [e.direction, String(e.amount)]).sort()).toEqual([
          ["credit", "4085"],
          ["credit", "9531"],
          ["debit", "13616"],
        ])
        expect(await service.listLedgerTransactions({})).toHaveLength(3)
        const balances = await service.getBalances([a.payable, y.payable, y.cash])
        expect([balances[a.payable].balance, balances[y.payable].balance, balances[y.cash].balance]).toEqual(["36", "9531", "13616"])

        // Overlapping batches at once: each reference is posted once.
        const runs = await Promise.all(
          Array.from({ length: 4 }, (_, k) => service.postTransactions([sale(a, `c_${k}`, 3, 2, 1), sale(a, "c_shared", 5, 3, 2), sale(y, `c_${k + 1}`, 7, 4, 3, "jpy")]))
        )
        const created = runs.flat().filter((r) => r.created).map((r) => r.transaction.reference_id)
        expect(created.sort()).toEqual(["c_0", "c_1", "c_2", "c_3", "c_4", "c_shared"])
        expect(await service.listLedgerTransactions({ reference_id: "c_shared" })).toHaveLength(1)
        expect(await service.postTransactions([])).toEqual([])
      })

      it("keeps entries append-only and accounts within one org and currency", async () => {
        const a = await chart()
        const { transaction } = await service.postTransaction(sale(a, "order_3", 10, 4, 6))
        const entryId = transaction.entries[0].id
        await expect(service.updateLedgerEntries({ id: entryId, amount: 1 } as any)).rejects.toThrow(/append-only/)
        await expect(service.deleteLedgerEntries([entryId])).rejects.toThrow(/append-only/)
        await expect(service.softDeleteLedgerTransactions([transaction.id])).rejects.toThrow(/append-only/)
        await expect(service.createLedgerEntries({} as any)).rejects.toThrow(/append-only/)
        const eur = await chart("eur")
        await expect(
          service.postTransaction({ ...sale(a, "mixed", 10, 4, 6), entries: [...sale(a, "x", 10, 4, 6).entries.slice(0, 2), { account_id: eur.payable, direction: "credit", amount: 6 }] })
        ).rejects.toThrow(/entries\[2\].account_id .* another org or currency/)
      })

      it("refuses a posting that takes a guarded account below zero", async () => {
        const a = await chart("kwd")
        await service.postTransaction(sale(a, "order_4", "10.000", "4.875", "5.125", "kwd"))
        const payout = (ref: string, amount: string) => ({
          org_id: "org_1",
          currency_code: "kwd",
          kind: "payout" as const,
          reference_type: "payout",
          reference_id: ref,
          entries: [
            { account_id: a.payable, direction: "debit" as const, amount },
            { account_id: a.cash, direction: "credit" as const, amount },
          ],
          no_negative_balance: [a.payable],
        })
        await expect(service.postTransaction(payout("p1", "5.126"))).rejects.toThrow(/at -0.001 KWD \(balance 5.125\)/)
        await service.postTransaction(payout("p2", "5.125"))
        expect((await service.getBalances([a.payable]))[a.payable].balance).toBe("0")
      })

      it("summarizes entries by account, kind and month", async () => {
        const a = await chart()
        await service.postTransaction({ ...sale(a, "jan", 100, 30, 70), occurred_at: new Date("2026-01-31T23:59:00Z") })
        await service.postTransaction({ ...sale(a, "feb", 50, 15, 35), occurred_at: new Date("2026-02-01T00:00:00Z") })
        const rows = await service.summarizeEntries({ org_id: "org_1", owner_type: "employee" }, ["owner_id", "month", "kind"])
        expect(rows.map((r) => [r.owner_id, r.month, r.kind, Number(r.credits), Number(r.debits)])).toEqual([
          ["oemp_1", "2026-01", "posting", 70, 0],
          ["oemp_1", "2026-02", "posting", 35, 0],
        ])
        await service.rollbackPostedTransactions([(await service.findByReference("test", "feb")).id])
        expect(await service.findByReference("test", "feb")).toBeNull()
        expect((await service.getBalances([a.payable]))[a.payable].balance).toBe("70")
      })

      it("summarizes entries by order: an order's capture posting by its reference, anything else by metadata.order_id", async () => {
        const a = await chart()
        await service.postTransaction({ ...sale(a, "x", 100, 30, 70), reference_type: "order", reference_id: "order_1" })
        await service.postTransaction({ ...sale(a, "refund_1", 20, 6, 14), metadata: { order_id: "order_1" } })
        const unrelated = sale(a, "other", 5, 5, 0)
        await service.postTransaction({ ...unrelated, entries: unrelated.entries.slice(0, 2) }) // cash and revenue only
        const rows = await service.summarizeEntries({ org_id: "org_1", codes: ["cash"] }, ["order_id"])
        expect(rows.map((r) => [r.order_id, Number(r.debits)])).toEqual([
          ["order_1", 120],
          [null, 5],
        ])
        const only = await service.summarizeEntries({ org_id: "org_1", codes: ["cash"], order_ids: ["order_1"] }, ["order_id"])
        expect(only.map((r) => [r.order_id, Number(r.debits)])).toEqual([["order_1", 120]])
      })
    })
  },
})
