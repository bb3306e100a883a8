import fs from "node:fs"
import { buyThroughStore, Json, launchChromium, loginToDashboard, recordAdminCalls, registerCustomer, screenshots, SeededApp, startSeededApp } from "../helpers/browser-app"

// Issue 6 acceptance 2, in the built dashboard (production build) logged in as the owner of
// one org (not a platform operator): every page of catalog, commerce and course work loads,
// every /admin call it makes answers 2xx, and nothing of the other org shows: not its
// courses, lessons, products, orders, customers, promotions or price lists, not in lists,
// not in answers, and not when its ids are typed into the address bar. A platform operator
// sees every org's courses and filters them by org.

jest.setTimeout(600_000)

const PASSWORD = "scope-browser-1"

/** route (ids as :id) -> the distinct `fields` values the dashboard sent, with their statuses. */
function dashboardFields(calls: { method: string; url: string; status: number }[]) {
  const out: Record<string, Record<string, number[]>> = {}
  for (const c of calls) {
    const u = new URL(c.url, "http://dashboard")
    const fields = u.searchParams.get("fields")
    if (fields === null) continue
    const route = `${c.method} ${u.pathname.replace(/\/[a-z]+_[0-9A-Z]{20,}/g, "/:id")}`
    const byValue = (out[route] ??= {})
    byValue[fields] = [...new Set([...(byValue[fields] ?? []), c.status])]
  }
  return out
}

describe("org-scoped admin in the dashboard", () => {
  let app: SeededApp

  afterAll(async () => {
    await app?.close()
  })

  it("shows org A's owner only org A's records, with no failing call; org B's ids are not found", async () => {
    app = await startSeededApp("scope_browser")
    const { api, sql, summary } = app
    const platform = (await api("POST", "/auth/user/emailpass", null, summary.admin)).token
    const { orgs } = await api("GET", "/admin/orgs", platform)
    const region = (await api("GET", "/admin/regions?fields=id,currency_code", platform)).regions.find((r: Json) => r.currency_code === "usd")

    /** An org's seeded owner, courses and lessons, plus a new product, promotion, price list, customer and order. */
    const side = async (org: Json, letter: string, first: string) => {
      const seeded = summary.orgs.find((o: Json) => o.handle === org.handle)
      const token = (await api("POST", "/auth/user/emailpass", null, seeded.owner)).token
      const title = `Scope ${first} Course`
      const { product } = await api("POST", "/admin/products", token, {
        title,
        status: "published",
        options: [{ title: "Tier", values: ["Basic"] }],
        variants: [{ title: "Basic", manage_inventory: false, options: { Tier: "Basic" }, prices: [{ currency_code: "usd", amount: 100 }] }],
      })
      const code = `SCOPE${letter.toUpperCase()}`
      const { promotion } = await api("POST", "/admin/promotions", token, {
        code, type: "standard", status: "active",
        application_method: { type: "percentage", target_type: "order", allocation: "across", value: 10, currency_code: "usd" },
      })
      const listTitle = `Scope ${first} Sale`
      const { price_list } = await api("POST", "/admin/price-lists", token, {
        title: listTitle, description: "browser test", type: "sale", status: "active",
        prices: [{ variant_id: product.variants[0].id, currency_code: "usd", amount: 80 }],
      })
      const key = seeded.publishable_key
      const cEmail = `${first.toLowerCase()}-${Date.now()}@test.volmify.local`
      const cReg = (await api("POST", "/auth/customer/emailpass/register", null, { email: cEmail, password: PASSWORD })).token
      const { customer } = await api("POST", "/store/customers", cReg, { email: cEmail, first_name: first, last_name: "Buyer" }, { "x-publishable-api-key": key })
      // Registering on the org's storefront made the customer its member.
      const [member] = await sql("select id from org_member where org_id = $1 and customer_id = $2 and deleted_at is null", [org.id, customer.id])
      expect(member).toBeDefined()
      const { draft_order } = await api("POST", "/admin/draft-orders", platform, {
        email: cEmail, customer_id: customer.id, region_id: region.id, sales_channel_id: org.sales_channel_id,
        items: [{ variant_id: product.variants[0].id, quantity: 1 }],
      })
      const { order } = await api("POST", `/admin/draft-orders/${draft_order.id}/convert-to-order`, platform)
      const { courses } = await api("GET", `/admin/courses?org_id=${org.id}`, platform)
      const { lessons } = await api("GET", `/admin/lessons?org_id=${org.id}&limit=100`, platform)
      expect(courses.length).toBeGreaterThan(0)
      return {
        email: seeded.owner.email as string, password: seeded.owner.password as string,
        title, code, listTitle, first, product, promotion, priceList: price_list, customer, order, courses, lessons,
      }
    }
    const A = await side(orgs[0], "a", "Alpha")
    const B = await side(orgs[1], "b", "Beta")

    const browser = await launchChromium()
    const shots = screenshots()
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
    const rec = recordAdminCalls(page, { bodies: true })
    const pageText = async () => page.locator("body").innerText()
    const ERROR_PAGE = /An error occurred|There is no page at this address|Something went wrong|was not found|not found/i
    try {
      rec.setLabel("login")
      await loginToDashboard(page, app.base, { email: A.email, password: A.password })

      // Each page, and a text of org A's that must show once it has loaded.
      const course = A.courses[0]
      const pages: [string, string, string][] = [
        ["orders", "/orders", `${A.first} Buyer`],
        ["order", `/orders/${A.order.id}`, A.title],
        ["products", "/products", A.title],
        ["product", `/products/${A.product.id}`, A.title],
        ["customers", "/customers", A.customer.email],
        ["customer", `/customers/${A.customer.id}`, A.customer.email],
        ["promotions", "/promotions", A.code],
        ["promotion", `/promotions/${A.promotion.id}`, A.code],
        ["price-lists", "/price-lists", A.listTitle],
        ["price-list", `/price-lists/${A.priceList.id}`, A.listTitle],
        ["courses", "/courses", course.title],
        ["course", `/courses/${course.id}`, course.title],
        ["lessons", "/lessons", A.lessons[0].title],
        ["course-product", `/products/${course.product_id}`, "Course & access"],
      ]
      // The seed gives both orgs' lessons the same generic titles: only B's own titles count (ids are checked below).
      const aLessonTitles = new Set(A.lessons.map((l: Json) => l.title))
      const otherTexts = [
        B.title, B.code, B.listTitle, B.customer.email, `${B.first} Buyer`, ...B.courses.map((c: Json) => c.title),
        ...B.lessons.map((l: Json) => l.title).filter((t: string) => !aLessonTitles.has(t)),
      ]
      for (const [name, url, mustShow] of pages) {
        rec.setLabel(name)
        await page.goto(`${app.base}/app${url}`)
        await page.getByText(mustShow).first().waitFor({ timeout: 60_000 })
        await page.waitForLoadState("networkidle")
        const text = await pageText()
        shots.push(`admin-scope-${name}.png`, await page.screenshot({ fullPage: true }))
        expect({ page: name, errorPage: /An error occurred|There is no page at this address|Something went wrong/.test(text) }).toEqual({ page: name, errorPage: false })
        expect({ page: name, shows: otherTexts.filter((t) => text.includes(t)) }).toEqual({ page: name, shows: [] })
      }
      // The course plugin's pages the other admin specs open (issue 9): only their calls count here.
      for (const [name, url] of [["assignments", "/assignments"], ["certificates", "/certificates"]]) {
        rec.setLabel(name)
        await page.goto(`${app.base}/app${url}`)
        await page.waitForLoadState("networkidle")
        const text = await pageText()
        expect({ page: name, errorPage: /An error occurred|There is no page at this address|Something went wrong/.test(text) }).toEqual({ page: name, errorPage: false })
      }
      // The platform operator's org filter is not offered to org staff.
      rec.setLabel("courses")
      await page.goto(`${app.base}/app/courses`)
      await page.getByText(course.title).first().waitFor({ timeout: 60_000 })
      expect(await page.getByLabel("Filter by org").count()).toBe(0)

      // Org B's records typed into the address bar: an error page, none of B's data.
      const typed: [string, string][] = [
        ["b-course", `/courses/${B.courses[0].id}`],
        ["b-product", `/products/${B.product.id}`],
        ["b-order", `/orders/${B.order.id}`],
        ["b-customer", `/customers/${B.customer.id}`],
      ]
      for (const [name, url] of typed) {
        rec.setLabel(`typed:${name}`)
        await page.goto(`${app.base}/app${url}`)
        await page.getByText(ERROR_PAGE).first().waitFor({ timeout: 60_000 })
        await page.waitForLoadState("networkidle")
        const text = await pageText()
        shots.push(`admin-scope-typed-${name}.png`, await page.screenshot({ fullPage: true }))
        expect({ page: name, shows: otherTexts.filter((t) => text.includes(t)) }).toEqual({ page: name, shows: [] })
      }

      // A platform operator sees every org's courses and narrows them with the org filter.
      const ops = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage()
      await loginToDashboard(ops, app.base, summary.admin)
      await ops.goto(`${app.base}/app/courses`)
      await ops.getByText(A.courses[0].title).first().waitFor({ timeout: 60_000 })
      await ops.getByText(B.courses[0].title).first().waitFor({ timeout: 30_000 })
      await ops.getByLabel("Filter by org").selectOption({ label: orgs[1].name })
      await ops.getByText(A.courses[0].title).first().waitFor({ state: "detached", timeout: 30_000 })
      await ops.getByText(B.courses[0].title).first().waitFor({ timeout: 30_000 })
      shots.push("admin-courses-org-filter.png", await ops.screenshot())
      await ops.goto(`${app.base}/app/lessons`)
      await ops.getByLabel("Filter by org").waitFor({ timeout: 60_000 })
      // A lesson belongs to one org: "New lesson" waits until the operator picks it.
      expect(await ops.getByRole("button", { name: "New lesson" }).isDisabled()).toBe(true)
      await ops.getByLabel("Filter by org").selectOption({ label: orgs[0].name })
      expect(await ops.getByRole("button", { name: "New lesson" }).isEnabled()).toBe(true)

      // Issue 22: every operator page about one org offers the same org picker, never the
      // API's bare "org_id is required for platform operators".
      for (const url of ["/certificates", "/earnings", "/affiliates"]) {
        await ops.goto(`${app.base}/app${url}`)
        await ops.getByRole("combobox", { name: "Organization" }).waitFor({ timeout: 60_000 })
        await ops.getByText(/^Choose an organization/).first().waitFor({ timeout: 30_000 })
        shots.push(`admin-operator-picker-${url.slice(1)}.png`, await ops.screenshot())
      }
      for (const url of ["/certificates", "/earnings", "/affiliates", "/assignments", "/courses", "/lessons", "/orgs"]) {
        await ops.goto(`${app.base}/app${url}`)
        await ops.waitForLoadState("networkidle")
        const text = await ops.locator("body").innerText()
        expect({ url, bare: /org_id is required/.test(text), error: /An error occurred|Something went wrong/.test(text) }).toEqual({ url, bare: false, error: false })
      }
      // Certificates: the operator picks org A, edits its template; org B's stays untouched.
      await ops.goto(`${app.base}/app/certificates`)
      await ops.getByRole("combobox", { name: "Organization" }).click({ timeout: 60_000 })
      await ops.getByRole("option", { name: orgs[0].name }).click()
      await ops.getByLabel("Signed by (name)").fill("Operator Olga", { timeout: 30_000 })
      await ops.getByRole("button", { name: "Save template" }).click()
      await ops.getByText("Certificate template saved").waitFor({ timeout: 30_000 })
      shots.push("admin-operator-certificates.png", await ops.screenshot())
      const template = async (orgId: string) =>
        (await api("GET", `/admin/certificate-settings?org_id=${orgId}`, platform)).certificate_settings.signatory_name
      expect([await template(orgs[0].id), await template(orgs[1].id)]).toEqual(["Operator Olga", null])
    } catch (error) {
      const shot = await page.screenshot({ fullPage: true }).catch(() => null)
      if (shot) shots.push("admin-scope-failure.png", shot)
      throw new Error(`${(error as Error).message}\n--- medusa log tail ---\n${app.log().slice(-3000)}`)
    } finally {
      await browser.close()
      shots.write({ "admin-scope-calls.json": rec.calls, "admin-fields-values.json": dashboardFields(rec.calls) })
    }
    const browsing = rec.calls.filter((c) => !c.label.startsWith("typed:"))
    const typedCalls = rec.calls.filter((c) => c.label.startsWith("typed:"))
    const failing = browsing.filter((c) => c.status >= 400)
    expect(failing).toEqual([])
    // Issue 19: relations in `fields` are deny by default for org staff, so the dashboard's
    // own `fields` values (recorded per route in test-artifacts/admin-fields-values.json) must
    // each be allowed: none of them answered 400.
    const withFields = browsing.filter((c) => new URL(c.url, app.base).searchParams.has("fields"))
    expect(withFields.length).toBeGreaterThan(20)
    expect(withFields.filter((c) => c.status === 400)).toEqual([])
    const called = new Set(browsing.map((c) => `${c.method} ${c.url.split("?")[0]}`))
    for (const route of [
      "GET /admin/users/me", "GET /admin/stores", "GET /admin/products", "GET /admin/orders", "GET /admin/customers",
      "GET /admin/promotions", "GET /admin/price-lists", `GET /admin/orders/${A.order.id}`, "GET /admin/courses",
      `GET /admin/courses/${A.courses[0].id}/outline`, "GET /admin/lessons", `GET /admin/customers/${A.customer.id}/enrollments`,
    ]) {
      expect(called).toContain(route)
    }
    // B's ids typed in were each answered 404 by the record's own route.
    for (const id of [B.courses[0].id, B.product.id, B.order.id, B.customer.id]) {
      const own = typedCalls.filter((c) => c.url.split("?")[0].endsWith(`/${id}`))
      expect({ id, statuses: [...new Set(own.map((c) => c.status))] }).toEqual({ id, statuses: [404] })
    }
    // While browsing, no call named an id of org B and no answer carried one.
    const bIds = [B.product.id, B.order.id, B.customer.id, B.promotion.id, B.priceList.id, orgs[1].sales_channel_id, ...B.courses.map((c: Json) => c.id), ...B.lessons.map((l: Json) => l.id)]
    expect(browsing.filter((c) => bIds.some((id) => c.url.includes(id)))).toEqual([])
    const texts = await rec.bodies((label) => !label.startsWith("typed:"))
    expect(bIds.filter((id) => texts.some((t) => t.includes(id)))).toEqual([])
    expect(texts.some((t) => t.includes(A.product.id))).toBe(true)
  })
  // Issue 27 (in the same booted app): the org dashboard draws its charts for a demo org with
  // a paid order, follows the period and grouping pickers, exports the table it shows as CSV;
  // the course page shows its lessons; the platform overview lists both demo orgs.
  it("analytics: the org dashboard charts, changes period, exports CSV; the platform overview shows both orgs", async () => {
    app ??= await startSeededApp("scope_browser")
    const { api, summary } = app
    const platform = (await api("POST", "/auth/user/emailpass", null, summary.admin)).token
    const { orgs } = await api("GET", "/admin/orgs", platform)
    const org = orgs[0]
    const seeded = summary.orgs.find((o: Json) => o.handle === org.handle)
    const owner = (await api("POST", "/auth/user/emailpass", null, seeded.owner)).token
    const region = (await api("GET", "/admin/regions?fields=id,currency_code", platform)).regions.find((r: Json) => r.currency_code === "usd")
    const { courses } = await api("GET", `/admin/courses?org_id=${org.id}`, platform)
    const course = courses[0]
    const { product } = await api("GET", `/admin/products/${course.product_id}?fields=id,variants.id`, platform)
    const day = (d: Date) => d.toISOString().slice(0, 10)
    const today = new Date(`${day(new Date())}T00:00:00Z`)
    const last = (n: number) => ({ from: day(new Date(today.getTime() - (n - 1) * 86_400_000)), to: day(today) })
    const overview = async (n: number, interval = "day") => {
      const { from, to } = last(n)
      return api("GET", `/admin/analytics/overview?from=${from}&to=${to}&interval=${interval}`, owner)
    }
    /** USD gross of the last 30 days in cents ("447.00" -> 44700n; 0n before any USD posting). */
    const cents = (s: string) => {
      const [whole, frac = ""] = s.split(".")
      return BigInt(whole) * 100n + BigInt((frac + "00").slice(0, 2))
    }
    const usdGross = async () => {
      const row = (await overview(30)).revenue.current.find((r: Json) => r.currency_code === "usd")
      return row ? cents(row.gross) : 0n
    }
    const before = await usdGross()
    // A paid order of the course (its access plan captures on order.placed and posts the split
    // after the request has answered): the ledger has settled once the USD gross has grown by
    // exactly this order's total. Polled through the API, each read 250 ms apart, 60 s at most.
    const buyer = await registerCustomer(app, seeded.publishable_key, `analytics-${Date.now()}@test.volmify.local`)
    const order = await buyThroughStore(app, seeded.publishable_key, buyer, region.id, product.variants[0].id)
    const settled = before + cents(Number(order.total).toFixed(2))
    let gross = before
    for (let i = 0; i < 240 && gross !== settled; i++) {
      if (i) await new Promise((r) => setTimeout(r, 250))
      gross = await usdGross()
    }
    expect({ gross, settled }).toEqual({ gross: settled, settled })
    const figures = await overview(30)
    const usd = figures.revenue.current.find((r: Json) => r.currency_code === "usd")
    const sold = figures.revenue.by_course.find((r: Json) => r.course_id === course.id && r.currency_code === "usd")
    expect(sold).toBeDefined()
    const digits = (s: string) => s.replace(/[^0-9]/g, "").replace(/^0+/, "")
    // Two views of the course page, as the storefront's server counts them (the beacon).
    for (let i = 0; i < 2; i++) {
      await api("POST", "/store/analytics/page-views", null, { course_id: course.id }, { "x-publishable-api-key": seeded.publishable_key })
    }
    const conversion = (await overview(30)).sales.course_conversion.find((r: Json) => r.course_id === course.id)
    expect(conversion).toMatchObject({ views: 2 })

    const browser = await launchChromium()
    const shots = screenshots()
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true })
    const rec = recordAdminCalls(page)
    try {
      await loginToDashboard(page, app.base, seeded.owner)
      // The sidebar has the entry; the dashboard opens on it.
      await page.locator('a[href="/app/analytics"]').first().waitFor({ state: "attached", timeout: 60_000 })
      await page.goto(`${app.base}/app/analytics`)
      const revenue = page.getByTestId("revenue")
      await revenue.getByTestId("revenue-usd").waitFor({ timeout: 60_000 })
      // The ledger has settled (above): the page shows the gross the API answers.
      const stat = page.getByRole("group", { name: "Gross (USD)" }).getByTestId("stat-value")
      await stat.waitFor({ timeout: 60_000 })
      expect(digits(await stat.innerText())).toBe(digits(usd.gross))
      // Charts drawn: the revenue line over the period and the per-course bars.
      await revenue.locator(".recharts-line-curve").first().waitFor({ timeout: 30_000 })
      expect(await revenue.locator(".recharts-line").count()).toBe(3)
      await page.getByTestId("sales-per-course").locator(".recharts-bar-rectangle").first().waitFor({ timeout: 30_000 })
      expect(await page.getByTestId("sales-per-course").getByRole("cell", { name: course.title }).count()).toBeGreaterThan(0)
      // Course page views and conversion (orders / views), and the coupon section (none used: its empty state).
      const viewsRow = page.getByTestId("table-course-conversion").getByRole("row").filter({ hasText: course.title })
      await viewsRow.first().waitFor({ timeout: 30_000 })
      expect(await viewsRow.first().innerText()).toContain(`${Math.round(conversion.conversion * 1000) / 10} %`)
      await page.getByTestId("coupons").getByText("No coupon used in this period.", { exact: false }).waitFor({ timeout: 30_000 })
      shots.push("admin-analytics-dashboard.png", await page.screenshot({ fullPage: true }))

      // Period: the last 7 days, grouped by week: the dashboard asks for exactly that.
      const seven = last(7)
      await page.getByLabel("Period").selectOption("7")
      await page.waitForResponse((r: any) => r.url().includes("/admin/analytics/overview") && r.url().includes(`from=${seven.from}`), { timeout: 30_000 })
      await page.getByLabel("Group by").selectOption("week")
      await page.waitForResponse((r: any) => r.url().includes("/admin/analytics/overview") && r.url().includes("interval=week") && r.url().includes(`from=${seven.from}`), { timeout: 30_000 })
      await revenue.locator(".recharts-line-curve").first().waitFor({ timeout: 30_000 })
      const week = await overview(7, "week")
      const weekGross = week.revenue.current.find((r: Json) => r.currency_code === "usd").gross
      expect(digits(await page.getByRole("group", { name: "Gross (USD)" }).getByTestId("stat-value").innerText())).toBe(digits(weekGross))

      // CSV export of the sales-per-course table: the rows shown, exact decimal strings.
      const [download] = await Promise.all([
        page.waitForEvent("download", { timeout: 30_000 }),
        page.getByTestId("table-sales-per-course").getByRole("button", { name: "Export CSV" }).click(),
      ])
      expect(download.suggestedFilename()).toBe("sales-per-course.csv")
      const csv = fs.readFileSync(await download.path(), "utf8")
      const lines = csv.split("\r\n")
      expect(lines[0]).toBe("Course,Currency,Gross,Refunds,Net,Creator shares,Org net")
      const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)
      const expected = week.revenue.by_course.map((r: Json) =>
        [quote(r.title ?? r.product_id), r.currency_code.toUpperCase(), r.gross, r.refunds, r.net, r.staff_shares, r.org_net].join(",")
      )
      expect(lines.slice(1, -1)).toEqual(expected)
      expect(expected.length).toBeGreaterThan(0)
      expect(lines[lines.length - 1]).toBe("")

      // The course's page, from the course builder: lessons in outline order with drop-off.
      await page.goto(`${app.base}/app/courses/${course.id}`)
      await page.locator(`a[href="/app/analytics/courses/${course.id}"]`).first().click({ timeout: 60_000 })
      await page.waitForURL(new RegExp(`/app/analytics/courses/${course.id}$`), { timeout: 30_000 })
      const { lessons } = await api("GET", `/admin/analytics/courses/${course.id}?from=${last(30).from}&to=${last(30).to}`, owner)
      expect(lessons.length).toBeGreaterThan(0)
      await page.getByTestId("table-lessons").getByRole("cell", { name: lessons[0].title, exact: true }).first().waitFor({ timeout: 30_000 })
      expect(await page.getByTestId("table-lessons").getByRole("row").count()).toBe(lessons.length + 1)
      shots.push("admin-analytics-course.png", await page.screenshot({ fullPage: true }))

      // Org staff are sent back from the platform overview with a note, and never call it.
      await page.goto(`${app.base}/app/analytics/platform`)
      await page.getByText("This page is for platform operators.").waitFor({ timeout: 30_000 })
      expect(rec.calls.filter((c) => c.url.startsWith("/admin/analytics/platform"))).toEqual([])

      // The operator's overview lists both demo orgs with their usage.
      const ops = await browser.newPage({ viewport: { width: 1280, height: 900 } })
      await loginToDashboard(ops, app.base, summary.admin)
      await ops.goto(`${app.base}/app/analytics/platform`)
      const table = ops.getByTestId("table-platform-orgs")
      await table.waitFor({ timeout: 60_000 })
      for (const o of summary.orgs) await table.getByRole("cell", { name: o.name, exact: true }).first().waitFor({ timeout: 30_000 })
      await ops.getByTestId("platform-orgs").locator(".recharts-bar-rectangle").first().waitFor({ timeout: 30_000 })
      shots.push("admin-analytics-platform.png", await ops.screenshot({ fullPage: true }))
    } catch (error) {
      const shot = await page.screenshot({ fullPage: true }).catch(() => null)
      if (shot) shots.push("admin-analytics-failure.png", shot)
      throw new Error(`${(error as Error).message}\n--- medusa log tail ---\n${app.log().slice(-3000)}`)
    } finally {
      await browser.close()
      shots.write({ "admin-analytics-calls.json": rec.calls })
    }
    expect(rec.calls.filter((c) => c.status >= 400)).toEqual([])
    // Run alone (-t analytics) it boots the app itself: a longer budget than the file's.
  }, 1_200_000)
})
