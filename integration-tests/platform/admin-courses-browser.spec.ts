import {
  buyThroughStore,
  Json,
  launchChromium,
  loginToDashboard,
  recordAdminCalls,
  registerCustomer,
  screenshots,
  SeededApp,
  startSeededApp,
} from "../helpers/browser-app"

// Issue 6 acceptance 1, 3 and 4 in the built dashboard (production build) with the
// @volmify/courses admin. The seeded owner of Acme writes a lesson (markdown preview, an
// attachment through the file module), creates a course from a product, builds 2 modules x 2
// sections x 3 lessons, moves a lesson into another section (picker) and drags one (drag and
// drop), sets tier 2 on a module; sets each variant's tier and days of access in the product
// widget "Course & access" and publishes; purchases through the store API then grant what the
// widget says, and changing the widget changes what the next purchase grants. The customer
// widget grants, revokes and shows progress. The store API shows the outline with its locks.
// Screenshots of the lesson editor, course builder and both widgets are test artifacts.

jest.setTimeout(900_000)

describe("course builder and widgets in the dashboard", () => {
  let app: SeededApp

  afterAll(async () => {
    await app?.close()
  })

  it("builds, tiers and publishes a course; the widgets decide and show access; the store shows the outline", async () => {
    app = await startSeededApp("courses_browser")
    const { api, base, summary } = app
    const acme = summary.orgs.find((o: Json) => o.owner.email === "owner@acme-academy.local")

    // The owner's product, with two variants and, for now, no access plan; the library lessons.
    const token = (await api("POST", "/auth/user/emailpass", null, acme.owner)).token
    const stamp = Date.now().toString(36)
    const productTitle = `Builder Course ${stamp}`
    const { product } = await api("POST", "/admin/products", token, {
      title: productTitle,
      status: "published",
      options: [{ title: "Tier", values: ["Basic", "Premium"] }],
      variants: ["Basic", "Premium"].map((t, i) => ({
        title: t, manage_inventory: false, options: { Tier: t }, prices: [{ currency_code: "usd", amount: 100 * (i + 1) }],
      })),
    })
    const variantId = (title: string) => product.variants.find((v: Json) => v.title === title).id as string
    const lessonTitles = Array.from({ length: 12 }, (_, i) => `Lesson ${String.fromCharCode(65 + i)} ${stamp}`)
    const lessons: Json[] = [{}]
    for (const title of lessonTitles.slice(1)) {
      lessons.push((await api("POST", "/admin/lessons", token, { title, type: "text", body: `# ${title}` })).lesson)
    }
    const doomed = (await api("POST", "/admin/lessons", token, { title: `Doomed ${stamp}`, type: "text" })).lesson
    const handle = `builder-${stamp}`
    const key = { "x-publishable-api-key": acme.publishable_key }
    const usd = (await api("GET", "/store/regions", null, undefined, key)).regions.find((r: Json) => r.currency_code === "usd")
    // A customer of Acme (registering on its storefront makes them a member).
    const learner = { email: `learner-${stamp}@test.volmify.local`, password: "learner-pass-1" }
    const reg = (await api("POST", "/auth/customer/emailpass/register", null, learner)).token
    const { customer } = await api("POST", "/store/customers", reg, { email: learner.email, first_name: "Lena", last_name: "Learner" }, key)
    const storeCourse = async (who: { token: string }) => (await api("GET", `/store/courses/${handle}`, who.token, undefined, key)).course
    /** The buyer's live entitlements on the product as [tier, days of access], once `count` exist (granted on order.placed). */
    const tiersOf = async (who: { token: string }, count = 1) => {
      let rows: Json[] = []
      for (let i = 0; i < 100 && rows.length < count; i++) {
        rows = (await api("GET", "/store/customers/me/entitlements", who.token, undefined, key)).entitlements.filter((e: Json) => e.product_id === product.id)
        if (rows.length < count) await new Promise((r) => setTimeout(r, 200))
      }
      const days = (e: Json) => (e.expires_at ? Math.round((Date.parse(e.expires_at) - Date.parse(e.starts_at)) / 86_400_000) : null)
      return rows.map((e) => [e.tier, days(e)]).sort((a, b) => a[0] - b[0])
    }

    const browser = await launchChromium()
    const shots = screenshots()
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } })
    page.on("dialog", (d: any) => (d.type() === "prompt" ? d.accept("Refund agreed by support") : d.accept()))
    const { calls } = recordAdminCalls(page)
    const toastsGone = () =>
      page.locator('[aria-label^="Notifications"] li').first().waitFor({ state: "detached", timeout: 30_000 })
    const saved = () => page.getByText("All changes saved").waitFor({ timeout: 30_000 })
    let courseId = ""
    const modules = [
      { title: "Foundations", sections: ["Setup", "Basics"] },
      { title: "Mastery", sections: ["Patterns", "Projects"] },
    ]
    try {
      await loginToDashboard(page, base, acme.owner)

      // Lesson library: the first lesson is written in the editor, with its markdown preview.
      await page.goto(`${base}/app/lessons`)
      await page.getByRole("button", { name: "New lesson" }).click({ timeout: 60_000 })
      await page.getByLabel("Title", { exact: true }).fill(lessonTitles[0])
      await page.getByLabel("Video URL").fill("https://videos.example.com/intro.mp4")
      await page.getByLabel("Body (markdown)").fill("# Welcome aboard\n\nThis course is **hands-on**.\n\n- install\n- run")
      // An attachment is stored as a private file of Medusa's file module (POST /admin/lesson-media).
      await page.locator("#lesson-attachments").setInputFiles({ name: "cheatsheet.txt", mimeType: "text/plain", buffer: Buffer.from("keys and shortcuts") })
      await page.getByText("cheatsheet.txt").waitFor({ timeout: 30_000 })
      await page.getByRole("button", { name: "Preview", exact: true }).click()
      await page.getByTestId("markdown-preview").getByRole("heading", { name: "Welcome aboard" }).waitFor()
      expect(await page.getByTestId("markdown-preview").locator("strong").innerText()).toBe("hands-on")
      shots.push("admin-lesson-editor.png", await page.screenshot({ fullPage: true }))
      await page.getByRole("button", { name: "Save lesson" }).click()
      await page.getByRole("cell", { name: lessonTitles[0], exact: true }).waitFor({ timeout: 30_000 })
      lessons[0] = (await api("GET", `/admin/lessons?q=${encodeURIComponent(lessonTitles[0])}`, token)).lessons[0]
      expect(lessons[0]).toMatchObject({ type: "text", video_provider: "url", video_source: "https://videos.example.com/intro.mp4" })
      expect(lessons[0].body).toContain("**hands-on**")
      expect(lessons[0].attachments).toEqual([{ file_id: expect.stringMatching(/^private-/), name: "cheatsheet.txt", mime_type: "text/plain" }])
      // Issue 22: "New lesson" right after saving one opens empty, not with the lesson just written.
      await page.getByRole("button", { name: "New lesson" }).click()
      const fresh = page.getByRole("dialog")
      await fresh.getByText("New lesson").first().waitFor()
      expect({
        title: await fresh.getByLabel("Title", { exact: true }).inputValue(),
        video: await fresh.getByLabel("Video URL").inputValue(),
        body: await fresh.getByLabel("Body (markdown)").inputValue(),
        attachment: await fresh.getByText("cheatsheet.txt").count(),
      }).toEqual({ title: "", video: "", body: "", attachment: 0 })
      shots.push("admin-lesson-new-empty.png", await page.screenshot())
      await fresh.getByRole("button", { name: "Cancel" }).click()
      await fresh.waitFor({ state: "detached", timeout: 30_000 })
      // Edit shows the saved lesson.
      await page.getByRole("button", { name: `Edit ${lessonTitles[0]}` }).click()
      expect(await page.getByRole("dialog").getByLabel("Title", { exact: true }).inputValue()).toBe(lessonTitles[0])
      await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click()
      await page.getByRole("dialog").waitFor({ state: "detached", timeout: 30_000 })

      // Courses list -> Create course from the product.
      await page.goto(`${base}/app/courses`)
      await page.getByRole("button", { name: "Create course" }).click({ timeout: 60_000 })
      const picker = page.getByRole("combobox", { name: "Product" })
      await page.getByRole("option", { name: productTitle }).waitFor({ state: "attached", timeout: 30_000 })
      await picker.selectOption({ label: productTitle })
      await page.getByLabel("Title", { exact: true }).fill(`Builder ${stamp}`)
      await page.getByLabel("Handle", { exact: true }).fill(handle)
      await page.getByRole("button", { name: "Create", exact: true }).click()
      await page.waitForURL(/\/app\/courses\/[^/]+$/, { timeout: 30_000 })
      courseId = page.url().split("/").pop()!
      await page.getByText("No modules yet").waitFor({ timeout: 30_000 })

      // 2 modules x 2 sections x 3 lessons.
      let next = 0
      for (const m of modules) {
        await page.getByLabel("New module title").fill(m.title)
        await page.getByLabel("New module title").press("Enter")
        await page.getByLabel(`Title of module ${m.title}`).waitFor()
        await saved()
        for (const s of m.sections) {
          await page.getByLabel(`New section in ${m.title}`).fill(s)
          await page.getByLabel(`New section in ${m.title}`).press("Enter")
          await page.getByLabel(`Title of section ${s}`).waitFor()
          await saved()
          for (let i = 0; i < 3; i++) {
            const lesson = lessons[next++]
            await page.getByLabel(`Lesson to add to ${s}`).selectOption(lesson.id)
            await page.getByRole("button", { name: `Add lesson to ${s}` }).click()
            await page.getByTestId("outline-lesson").filter({ hasText: lesson.title }).waitFor()
            await saved()
          }
        }
      }
      // Issue 22: rows are one line; tier, drip, preview and "move to section" sit in the row's
      // settings menu. The picker says which course each library lesson already belongs to.
      expect(await page.getByLabel(`Tier of ${lessonTitles[5]}`).count()).toBe(0)
      expect(await page.getByLabel(`Drip days of ${lessonTitles[5]}`).count()).toBe(0)
      const pickerOption = (title: string) => page.getByLabel("Lesson to add to Projects").locator("option", { hasText: title })
      await pickerOption(`${lessonTitles[0]} (text) · from Builder ${stamp}`).waitFor({ state: "attached", timeout: 30_000 })
      expect(await pickerOption(`Doomed ${stamp}`).textContent()).toBe(`Doomed ${stamp} (text) · not in a course yet`)
      // Lesson A is a free preview; lesson C moves from Setup to Basics; Mastery needs tier 2.
      await page.getByRole("button", { name: `Settings of ${lessonTitles[0]}` }).click()
      await page.getByLabel(`Preview ${lessonTitles[0]}`).click()
      await saved()
      await page.getByTestId("outline-lesson").filter({ hasText: lessonTitles[0] }).getByText("free preview", { exact: true }).waitFor()
      await page.getByRole("button", { name: `Settings of ${lessonTitles[2]}` }).click()
      await page.getByLabel(`Move ${lessonTitles[2]} to section`).selectOption({ label: "Foundations › Basics" })
      await saved()
      // Drag and drop: lesson E from Basics to Setup, before lesson B.
      await page.getByLabel(`Drag ${lessonTitles[4]}`).dragTo(page.getByTestId("outline-lesson").filter({ hasText: lessonTitles[1] }))
      await saved()
      await page.getByLabel("Lessons of Setup").getByText(lessonTitles[4]).waitFor()
      // A tall window shows the whole outline (the dashboard scrolls inside its own pane).
      await page.setViewportSize({ width: 1440, height: 2600 })
      // Sections move between modules too: Projects into Foundations (before Basics), then back before Patterns.
      const sectionBox = (title: string) => page.getByTestId("outline-section").filter({ has: page.getByLabel(`Title of section ${title}`) })
      await page.getByLabel("Drag section Projects").dragTo(sectionBox("Basics"))
      await saved()
      await page.getByLabel("Sections of Foundations").getByLabel("Title of section Projects").waitFor()
      await page.getByLabel("Drag section Projects").dragTo(sectionBox("Patterns"))
      await saved()
      await page.getByLabel("Sections of Mastery").getByLabel("Title of section Projects").waitFor()
      // Rename in place (Enter saves); a scratch module is added and deleted again.
      await page.getByLabel("Title of section Basics").fill("Core basics")
      await page.getByLabel("Title of section Basics").press("Enter")
      await page.getByLabel("Title of section Core basics").waitFor()
      await saved()
      await page.getByLabel("New module title").fill("Scratch")
      await page.getByLabel("New module title").press("Enter")
      await page.getByLabel("Title of module Scratch").waitFor()
      await saved()
      await page.getByRole("button", { name: "Delete Scratch" }).click()
      await page.getByLabel("Title of module Scratch").waitFor({ state: "detached" })
      await saved()
      await page.getByRole("button", { name: "Settings of Mastery" }).click()
      await page.getByLabel("Tier of Mastery").fill("2")
      await page.getByLabel("Tier of Mastery").press("Enter")
      await saved()
      await page.getByText("tier 2 (inherited)").first().waitFor()
      // A lesson's drip days, from its row menu: the row then shows "drip 7 d".
      await page.getByRole("button", { name: `Settings of ${lessonTitles[9]}` }).click()
      await page.getByLabel(`Drip days of ${lessonTitles[9]}`).fill("7")
      await page.getByLabel(`Drip days of ${lessonTitles[9]}`).press("Enter")
      await saved()
      await page.getByTestId("outline-lesson").filter({ hasText: lessonTitles[9] }).getByText("drip 7 d", { exact: true }).waitFor()
      shots.push("admin-course-builder.png", await page.screenshot({ fullPage: true }))
      await page.setViewportSize({ width: 1280, height: 2600 })
      shots.push("admin-course-builder-row-menu-1280.png", await page.screenshot({ fullPage: true }))
      await page.setViewportSize({ width: 390, height: 2600 })
      await page.getByRole("button", { name: `Settings of ${lessonTitles[9]}` }).waitFor()
      shots.push("admin-course-builder-row-menu-390.png", await page.screenshot({ fullPage: true }))
      // Back to no drip (the purchases below expect every bought lesson open), and close the menu.
      await page.getByLabel(`Drip days of ${lessonTitles[9]}`).fill("")
      await page.getByLabel(`Drip days of ${lessonTitles[9]}`).press("Enter")
      await saved()
      await page.getByTestId("outline-lesson").filter({ hasText: lessonTitles[9] }).getByText("drip 7 d", { exact: true }).waitFor({ state: "detached" })
      await page.getByRole("button", { name: `Settings of ${lessonTitles[9]}` }).click()
      await page.getByLabel(`Drip days of ${lessonTitles[9]}`).waitFor({ state: "detached" })
      await page.setViewportSize({ width: 1440, height: 1000 })

      // A refused save rolls back with the server's message: the lesson left the library meanwhile.
      await page.waitForLoadState("networkidle")
      await api("DELETE", `/admin/lessons/${doomed.id}`, token)
      await page.getByLabel("Lesson to add to Projects").selectOption(doomed.id)
      await page.getByRole("button", { name: "Add lesson to Projects" }).click()
      await page.getByText(/lesson/i).filter({ hasText: doomed.id }).first().waitFor({ timeout: 30_000 })
      await saved()
      expect(await page.getByTestId("outline-lesson").filter({ hasText: `Doomed ${stamp}` }).count()).toBe(0)
      expect(await page.getByTestId("outline-lesson").count()).toBe(12)

      // Publishing is refused while no variant grants a tier; the server's message shows.
      await toastsGone()
      await page.getByRole("button", { name: "Publish", exact: true }).click()
      await page.getByRole("alert").filter({ hasText: /access plan/i }).waitFor({ timeout: 30_000 })
      // Acceptance 3: the product widget sets what each variant grants (Basic: tier 1 for 365
      // days; Premium: tier 2 for life), and links back to the course builder.
      await page.goto(`${base}/app/products/${product.id}`)
      await page.getByRole("heading", { name: "Course & access" }).waitFor({ timeout: 60_000 })
      await page.getByRole("link", { name: "Open course builder" }).waitFor({ timeout: 30_000 })
      const setPlan = async (variant: string, tier: string, days: string) => {
        await page.getByLabel(`Tier of ${variant}`).fill(tier)
        await page.getByLabel(`Days of access of ${variant}`).fill(days)
        await page.getByRole("button", { name: `Save access plan of ${variant}` }).click()
        await page.getByRole("row").filter({ hasText: variant }).getByText(`tier ${tier}`, { exact: true }).waitFor({ timeout: 30_000 })
      }
      await setPlan("Basic", "1", "365")
      await setPlan("Premium", "2", "")
      // The dashboard scrolls inside its own pane: bring the widget into view for the screenshot.
      await page.getByRole("heading", { name: "Course & access" }).scrollIntoViewIfNeeded()
      shots.push("admin-product-course-access.png", await page.screenshot())
      const plans = (await api("GET", `/admin/products/${product.id}/access-plans`, token)).access_plans
      expect(plans.map((p: Json) => [p.variant_id, p.tier, p.duration_days]).sort()).toEqual(
        [[variantId("Basic"), 1, 365], [variantId("Premium"), 2, null]].sort()
      )
      await page.getByRole("link", { name: "Open course builder" }).click()
      await page.waitForURL(new RegExp(`/app/courses/${courseId}$`), { timeout: 30_000 })
      await page.getByRole("button", { name: "Publish", exact: true }).click()
      await page.getByRole("button", { name: "Unpublish", exact: true }).waitFor({ timeout: 30_000 })
      shots.push("admin-course-published.png", await page.screenshot({ fullPage: true }))

      // The library links each lesson to where it is used and refuses to delete a placed one.
      await page.goto(`${base}/app/lessons`)
      await page.getByRole("link", { name: `Builder ${stamp} › Foundations › Setup` }).first().waitFor({ timeout: 60_000 })
      await page.getByRole("button", { name: `Delete ${lessonTitles[1]}` }).click()
      await page.getByText(`cannot be deleted: Builder ${stamp} > Foundations > Setup`).waitFor({ timeout: 30_000 })
      expect((await api("GET", `/admin/lessons/${lessons[1].id}`, token)).lesson.id).toBe(lessons[1].id)

      // A purchase of Premium now grants tier 2 (checked through the store API).
      const buyer1 = await registerCustomer(app, acme.publishable_key, `buyer1-${stamp}@test.volmify.local`)
      await buyThroughStore(app, acme.publishable_key, buyer1, usd.id, variantId("Premium"))
      expect(await tiersOf(buyer1)).toEqual([[2, null]])
      expect((await storeCourse(buyer1)).access.tier).toBe(2)
      // The widget moves Premium to tier 3: the next Premium purchase grants tier 3, Basic
      // still grants tier 1 for 365 days; the earlier purchase keeps what it granted.
      await page.goto(`${base}/app/products/${product.id}`)
      await page.getByRole("heading", { name: "Course & access" }).waitFor({ timeout: 60_000 })
      await page.getByRole("row").filter({ hasText: "Premium" }).getByText("tier 2", { exact: true }).waitFor({ timeout: 30_000 })
      await setPlan("Premium", "3", "")
      const buyer2 = await registerCustomer(app, acme.publishable_key, `buyer2-${stamp}@test.volmify.local`)
      await buyThroughStore(app, acme.publishable_key, buyer2, usd.id, variantId("Premium"))
      await buyThroughStore(app, acme.publishable_key, buyer2, usd.id, variantId("Basic"))
      expect(await tiersOf(buyer2, 2)).toEqual([[1, 365], [3, null]])
      expect((await storeCourse(buyer2)).access.tier).toBe(3)
      expect(await tiersOf(buyer1)).toEqual([[2, null]])

      // Customer widget: grant tier 2 of the course's product by hand, with a reason.
      await page.goto(`${base}/app/customers/${customer.id}`)
      await page.getByRole("heading", { name: "Entitlements & learning" }).waitFor({ timeout: 60_000 })
      await page.getByText("No entitlements.").waitFor({ timeout: 30_000 })
      await page.getByLabel("Product to grant").selectOption({ label: productTitle })
      await page.getByLabel("Tier", { exact: true }).fill("2")
      await page.getByLabel("Reason", { exact: true }).fill("Conference speaker")
      await page.getByRole("button", { name: "Grant", exact: true }).click()
      await page.getByText("manual: Conference speaker").waitFor({ timeout: 30_000 })
      await page.getByText("manual: Conference speaker").scrollIntoViewIfNeeded()
      shots.push("admin-customer-entitlements.png", await page.screenshot())
      const learnerToken = (await api("POST", "/auth/customer/emailpass", null, learner)).token
      const granted = await api("GET", `/store/courses/${handle}`, learnerToken, undefined, key)
      expect(granted.course.access.tier).toBe(2)
      const grantedLessons = granted.course.modules.flatMap((m: Json) => m.sections.flatMap((s: Json) => s.lessons))
      expect(grantedLessons.filter((l: Json) => l.locked)).toEqual([])

      // Revoke, with a reason (the prompt): the tier-2 lessons lock again for that learner.
      await page.getByRole("button", { name: "Revoke", exact: true }).click()
      await page.getByText("revoked: Refund agreed by support").waitFor({ timeout: 30_000 })
      const revoked = await api("GET", `/store/courses/${handle}`, learnerToken, undefined, key)
      const mastery = revoked.course.modules.find((m: Json) => m.title === "Mastery").sections.flatMap((s: Json) => s.lessons)
      expect(mastery.map((l: Json) => l.lock_reason)).toEqual(Array(6).fill("tier"))

      // The buyer's page: their entitlements and their progress in the course.
      const firstPlacement = (await storeCourse(buyer2)).modules[0].sections[0].lessons[1]
      for (let i = 0; i < 100 && !(await api("GET", "/store/customers/me/enrollments", buyer2.token, undefined, key)).enrollments.length; i++) {
        await new Promise((r) => setTimeout(r, 200))
      }
      await api("POST", `/store/courses/${handle}/lessons/${firstPlacement.id}/progress`, buyer2.token, { status: "completed" }, key)
      await page.goto(`${base}/app/customers/${buyer2.customer.id}`)
      await page.getByLabel(`Progress in Builder ${stamp}`).waitFor({ timeout: 60_000 })
      await page.getByText("8% (1/12 lessons)").waitFor({ timeout: 30_000 })
      await page.getByLabel(`Progress in Builder ${stamp}`).scrollIntoViewIfNeeded()
      shots.push("admin-customer-learning.png", await page.screenshot())

      // Issue 22 item 11: the course's Students page (from the builder), its filters and the CSV.
      await page.setViewportSize({ width: 1280, height: 1000 })
      await page.goto(`${base}/app/courses/${courseId}`)
      await page.getByRole("link", { name: "Students", exact: true }).click({ timeout: 60_000 })
      await page.waitForURL(new RegExp(`/app/courses/${courseId}/students$`), { timeout: 30_000 })
      const studentRows = page.getByTestId("course-student")
      await studentRows.filter({ hasText: buyer2.email }).waitFor({ timeout: 60_000 })
      expect(await studentRows.count()).toBe(3)
      // buyer2 holds tier 3 (Premium after the change) and finished 1 of the 12 lessons.
      const row2 = studentRows.filter({ hasText: buyer2.email })
      await row2.getByText("tier 3", { exact: true }).waitFor()
      await row2.getByText("8% · 1/12 lessons").waitFor()
      // The learner whose grant was revoked has no access now.
      await studentRows.filter({ hasText: learner.email }).getByText("no access").waitFor()
      shots.push("admin-course-students-1280.png", await page.screenshot({ fullPage: true }))
      await page.getByLabel("Filter by tier").selectOption({ label: "Tier 3" })
      await page.getByText("1–1 of 1").waitFor({ timeout: 30_000 })
      expect(await studentRows.allInnerTexts()).toEqual([expect.stringContaining(buyer2.email)])
      const [download] = await Promise.all([page.waitForEvent("download", { timeout: 60_000 }), page.getByRole("link", { name: "Export CSV" }).click()])
      expect(download.suggestedFilename()).toMatch(new RegExp(`^students-${handle}-\\d{4}-\\d{2}-\\d{2}\\.csv$`))
      const csv = require("node:fs").readFileSync(await download.path(), "utf8") as string
      const csvLines = csv.replace(/^\uFEFF/, "").split("\r\n").filter(Boolean)
      expect(csvLines[0]).toMatch(/^email,name,tier,status,progress_percent,/)
      expect(csvLines.slice(1)).toEqual([expect.stringMatching(new RegExp(`^${buyer2.email.replace(/[.]/g, "\\.")},[^,]*,3,in progress,8,1,12,`))])
      shots.push("admin-course-students.csv", Buffer.from(csv))
      // A search with no match says so; at phone width nothing scrolls sideways.
      await page.getByLabel("Search students").fill("nobody-matches-this")
      await page.getByText("No student matches these filters.").waitFor({ timeout: 30_000 })
      await page.getByLabel("Search students").fill("")
      await page.getByLabel("Filter by tier").selectOption({ label: "All tiers" })
      await page.setViewportSize({ width: 390, height: 1400 })
      await studentRows.nth(2).waitFor({ timeout: 30_000 })
      const widths = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, view: window.innerWidth }))
      expect(widths.doc).toBeLessThanOrEqual(widths.view)
      shots.push("admin-course-students-390.png", await page.screenshot({ fullPage: true }))
      await page.setViewportSize({ width: 1440, height: 1000 })

      await page.goto(`${base}/app/courses`)
      await page.getByRole("link", { name: `Builder ${stamp}` }).waitFor({ timeout: 60_000 })
      // Enrolled: the two buyers and the learner granted by hand.
      await page.getByRole("row").filter({ hasText: `Builder ${stamp}` }).getByRole("cell", { name: "3", exact: true }).waitFor({ timeout: 30_000 })
      shots.push("admin-courses-list.png", await page.screenshot({ fullPage: true }))
    } catch (error) {
      const shot = await page.screenshot({ fullPage: true }).catch(() => null)
      if (shot) shots.push("admin-courses-failure.png", shot)
      throw new Error(`${(error as Error).message}\n--- medusa log tail ---\n${app.log().slice(-3000)}`)
    } finally {
      await browser.close()
      shots.write({ "admin-courses-calls.json": calls })
    }

    // The store, anonymous: the outline as built, the locks of an anonymous visitor.
    const { status, data } = await app.call("GET", `/store/courses/${handle}`, null, undefined, { "x-publishable-api-key": acme.publishable_key })
    expect(status).toBe(200)
    expect(data.course.id).toBe(courseId)
    const outline = data.course.modules.map((m: Json) => ({
      title: m.title,
      sections: m.sections.map((s: Json) => ({
        title: s.title,
        lessons: s.lessons.map((l: Json) => [l.title, l.required_tier, l.locked, l.lock_reason]),
      })),
    }))
    const L = lessonTitles
    const row = (t: string, tier: number, preview = false) => [t, tier, !preview, preview ? null : "auth"]
    expect(outline).toEqual([
      { title: "Foundations", sections: [
        { title: "Setup", lessons: [row(L[0], 1, true), row(L[4], 1), row(L[1], 1)] },
        { title: "Core basics", lessons: [row(L[3], 1), row(L[5], 1), row(L[2], 1)] },
      ] },
      { title: "Mastery", sections: [
        { title: "Projects", lessons: [row(L[9], 2), row(L[10], 2), row(L[11], 2)] },
        { title: "Patterns", lessons: [row(L[6], 2), row(L[7], 2), row(L[8], 2)] },
      ] },
    ])
    // The tiers the variants grant now (Premium was moved to tier 3 in the widget).
    expect(data.course.tiers.map((t: Json) => t.tier)).toEqual([1, 3])

    expect(calls.filter((c) => c.status >= 500)).toEqual([])
    const called = new Set(calls.map((c) => `${c.method} ${c.url.split("?")[0]}`))
    expect(called).toContain("POST /admin/courses")
    expect(called).toContain(`POST /admin/courses/${data.course.id}/outline`)
    expect(called).toContain(`POST /admin/courses/${data.course.id}/publish`)
    // Exactly the expected refusals: the vanished lesson, the first publish, deleting a placed lesson.
    expect(calls.filter((c) => c.status >= 400).map((c) => `${c.method} ${c.url.split("?")[0]} ${c.status}`)).toEqual([
      `POST /admin/courses/${data.course.id}/outline 400`,
      `POST /admin/courses/${data.course.id}/publish 400`,
      `DELETE /admin/lessons/${lessons[1].id} 400`,
    ])
  })
})
