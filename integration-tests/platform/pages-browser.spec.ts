import { ChildProcess, spawn } from "node:child_process"
import path from "node:path"
import { buildStorefrontOnce, Json, launchChromium, loginToDashboard, recordAdminCalls, ROOT, screenshots, SeededApp, startSeededApp, STOREFRONT_NEXT_BIN, waitForToastsToClose } from "../helpers/browser-app"

// Issue 26 acceptance in the built dashboard (production build) and the built storefront: the
// owner of Acme builds a sales page of five block types in the page builder, reorders it by
// drag and drop (a real mouse drag, then dnd-kit's keyboard sensor), edits blocks in the
// settings drawer, previews it at phone width and publishes; the storefront serves it at
// /p/<slug> in that order with the rich text's markup shown as text. A second edit is
// published, a save racing another admin's is refused with the conflict shown and a reload,
// and restoring the first published version brings its content back to the storefront.

const bootstrap = require("../../src/scripts/lib/bootstrap")
const pgLib = require("../../src/scripts/lib/postgres")

jest.setTimeout(900_000)

/** The built storefront (`next start`) for one org, against `backend`; resolves once it answers. */
async function startStorefront(backend: string, publishableKey: string): Promise<{ url: string; stop: () => Promise<void> }> {
  await buildStorefrontOnce()
  const port = await pgLib.freePort()
  const child: ChildProcess = spawn(process.execPath, [STOREFRONT_NEXT_BIN, "start", "-p", String(port)], {
    cwd: path.join(ROOT, "storefront"),
    env: { ...process.env, MEDUSA_BACKEND_URL: backend, MEDUSA_PUBLISHABLE_KEY: publishableKey, NODE_ENV: "production", COOKIE_SECURE: "false" },
    stdio: "ignore",
    detached: true,
  })
  const url = `http://localhost:${port}`
  for (let i = 0; i < 240 && !(await fetch(url).then((r) => r.status < 500).catch(() => false)); i++) await new Promise((r) => setTimeout(r, 500))
  return { url, stop: () => bootstrap.stopGroup(child) }
}

const SCRIPT = "<script>window.__pwned = 1</script>"

describe("sales page builder in the dashboard, served by the storefront", () => {
  let app: SeededApp
  let storefront: { url: string; stop: () => Promise<void> } | null = null

  afterAll(async () => {
    await storefront?.stop().catch(() => {})
    await app?.close()
  })

  it("builds, reorders, previews, publishes, republishes, survives a conflicting save and restores a page", async () => {
    app = await startSeededApp("pages_browser")
    const { api, base, summary } = app
    const acme = summary.orgs.find((o: Json) => o.owner.email === "owner@acme-academy.local")
    const owner = (await api("POST", "/auth/user/emailpass", null, acme.owner)).token
    const operator = (await api("POST", "/auth/user/emailpass", null, { email: summary.admin.email, password: summary.admin.password })).token
    storefront = await startStorefront(base, acme.publishable_key)
    const shop = storefront.url
    const stamp = Date.now().toString(36)
    const slug = `spring-${stamp}`
    const firstHeading = `Spring launch ${stamp}`
    const secondHeading = `Last week of the spring launch ${stamp}`

    const browser = await launchChromium()
    const shots = screenshots()
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } })
    const { calls } = recordAdminCalls(page)
    const rows = page.getByTestId("block-row")
    const order = () => rows.evaluateAll((els: Element[]) => els.map((e) => (e as HTMLElement).dataset.blockType))
    const previewOrder = () => page.locator("[data-testid=page-preview] > [data-block-type]").evaluateAll((els: Element[]) => els.map((e) => (e as HTMLElement).dataset.blockType))
    const storeOrder = (p: any) => p.locator("section[data-block]").evaluateAll((els: Element[]) => els.map((e) => (e as HTMLElement).dataset.block))
    const pageId = () => new URL(page.url()).pathname.split("/").pop() as string
    const settle = () => page.waitForTimeout(300)
    /** Clicks (once no toast covers the header) and waits for the admin POST it sends (path ending as `pathEnd`); its status. */
    const send = async (button: any, pathEnd: RegExp) => {
      await waitForToastsToClose(page)
      const [res] = await Promise.all([
        page.waitForResponse((r: any) => r.request().method() === "POST" && pathEnd.test(new URL(r.url()).pathname), { timeout: 30_000 }),
        button.click(),
      ])
      return res.status() as number
    }
    const saveDraft = () => send(page.getByRole("button", { name: "Save draft" }), /\/admin\/pages\/page_\w+$/)
    const publishPage = () => send(page.getByRole("button", { name: "Publish", exact: true }), /\/publish$/)
    try {
      await loginToDashboard(page, base, acme.owner)

      // A new page, then five block types added from the picker.
      await page.goto(`${base}/app/pages`)
      await page.getByLabel("Title", { exact: true }).fill("Spring launch", { timeout: 60_000 })
      await page.getByLabel("Slug", { exact: true }).fill(slug)
      await page.getByRole("button", { name: "Create page" }).click()
      await page.waitForURL(/\/app\/pages\/page_/, { timeout: 60_000 })
      await page.getByRole("heading", { name: "Blocks" }).waitFor({ timeout: 60_000 })
      const added = ["Hero", "Rich text", "Course grid", "FAQ", "Testimonials"]
      for (const label of added) {
        await page.getByLabel("Block type").click()
        await page.getByRole("option", { name: label, exact: true }).click()
        await page.getByRole("button", { name: "Add block" }).click()
      }
      expect(await order()).toEqual(["hero", "rich_text", "course_grid", "faq", "testimonials"])

      // Settings in the drawer: the hero's heading (a text field), the rich text's content (JSON)
      // with markup that must stay text on the storefront.
      await page.getByRole("button", { name: /^Settings of Hero/ }).click()
      const drawer = page.getByRole("dialog")
      await drawer.getByLabel("heading", { exact: true }).fill(firstHeading)
      shots.push("pages-builder-drawer.png", await page.screenshot())
      await drawer.getByRole("button", { name: "Apply" }).click()
      await drawer.waitFor({ state: "detached" })
      await page.locator("[data-testid=block-row][data-block-type=rich_text]").getByRole("button", { name: /^Settings of Rich text/ }).click()
      const content = [
        { type: "heading", level: 2, children: [{ type: "text", text: "What you get" }] },
        { type: "paragraph", children: [{ type: "text", text: `Markup stays text: ${SCRIPT}`, bold: true }] },
      ]
      await page.getByRole("dialog").getByLabel("Nested content (JSON)").fill(JSON.stringify({ content }, null, 2))
      await page.getByRole("dialog").getByRole("button", { name: "Apply" }).click()
      await page.getByRole("dialog").waitFor({ state: "detached" })
      expect(await page.getByTestId("page-preview").innerText()).toContain(SCRIPT)

      // Drag and drop with the mouse: testimonials (last) onto the first row.
      const handle = page.getByRole("button", { name: "Drag testimonials" })
      const from = (await handle.boundingBox())!
      const to = (await rows.first().boundingBox())!
      await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2)
      await page.mouse.down()
      await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2 - 10, { steps: 3 })
      await page.mouse.move(from.x + from.width / 2, to.y + to.height / 2 - 4, { steps: 20 })
      await settle()
      await page.mouse.up()
      await settle()
      expect(await order()).toEqual(["testimonials", "hero", "rich_text", "course_grid", "faq"])
      // ... and with the keyboard sensor: FAQ one place up (space to lift, arrow up, space to drop).
      await page.getByRole("button", { name: "Drag faq" }).focus()
      await page.keyboard.press("Space")
      await settle()
      await page.keyboard.press("ArrowUp")
      await settle()
      await page.keyboard.press("Space")
      await settle()
      const published = ["testimonials", "hero", "rich_text", "faq", "course_grid"]
      expect(await order()).toEqual(published)
      expect(await previewOrder()).toEqual(published)

      // Preview at desktop width, then at phone width: the preview frame is 390 px wide.
      await page.getByRole("button", { name: "Desktop", exact: true }).click()
      const desktopWidth = (await page.getByTestId("page-preview").boundingBox())!.width
      await page.getByRole("button", { name: "Phone", exact: true }).click()
      const preview = page.getByTestId("page-preview")
      expect(await preview.getAttribute("data-width")).toBe("390")
      expect(Math.round((await preview.boundingBox())!.width)).toBe(390)
      expect(desktopWidth).toBeGreaterThan(390)
      shots.push("pages-builder-phone-preview.png", await page.screenshot({ fullPage: true }))

      // Save and publish.
      expect(await saveDraft()).toBe(200)
      await page.getByText("Draft saved").first().waitFor({ timeout: 30_000 })
      expect(await publishPage()).toBe(200)
      await page.getByText("Published", { exact: true }).first().waitFor({ timeout: 30_000 })
      const id = pageId()
      const afterPublish = (await api("GET", `/admin/pages/${id}`, owner)).page
      expect(afterPublish).toMatchObject({ status: "published", published_version_id: afterPublish.draft.id })
      expect(afterPublish.draft.number).toBe(2)

      // The storefront serves it at /p/<slug> in the new order; the rich text's markup is text.
      const shopPage = await browser.newPage({ viewport: { width: 390, height: 844 } })
      const pageErrors: string[] = []
      shopPage.on("pageerror", (e: Error) => pageErrors.push(e.message))
      await shopPage.goto(`${shop}/p/${slug}`)
      await shopPage.getByRole("heading", { level: 1, name: firstHeading }).waitFor({ timeout: 60_000 })
      expect(await storeOrder(shopPage)).toEqual(published)
      expect(await shopPage.locator("section[data-block=rich_text]").innerText()).toContain(`Markup stays text: ${SCRIPT}`)
      expect(await shopPage.evaluate(() => (window as any).__pwned)).toBeUndefined()
      const html = await (await fetch(`${shop}/p/${slug}`)).text()
      expect(html).toContain("&lt;script&gt;window.__pwned = 1&lt;/script&gt;")
      expect(html).not.toContain(SCRIPT)
      shots.push("pages-storefront-v2-phone.png", await shopPage.screenshot({ fullPage: true }))

      // A change, published again: the storefront follows.
      await page.getByRole("button", { name: /^Settings of Hero/ }).click()
      await page.getByRole("dialog").getByLabel("heading", { exact: true }).fill(secondHeading)
      await page.getByRole("dialog").getByRole("button", { name: "Apply" }).click()
      await page.getByRole("dialog").waitFor({ state: "detached" })
      await page.getByRole("button", { name: "Remove course_grid" }).click()
      expect(await saveDraft()).toBe(200)
      expect(await publishPage()).toBe(200)
      await shopPage.goto(`${shop}/p/${slug}`)
      await shopPage.getByRole("heading", { level: 1, name: secondHeading }).waitFor({ timeout: 60_000 })
      expect(await storeOrder(shopPage)).toEqual(["testimonials", "hero", "rich_text", "faq"])

      // Another admin (a platform operator, through the API) saves version 4 meanwhile; this
      // editor's next save is refused with the conflict shown, and "Reload" shows their version.
      const theirs = (await api("GET", `/admin/pages/${id}`, operator)).page.draft
      expect(theirs.number).toBe(3)
      await api("POST", `/admin/pages/${id}`, operator, { blocks: theirs.blocks.filter((b: Json) => b.type !== "faq"), base_version: 3 })
      await page.getByRole("button", { name: "Remove testimonials" }).click()
      expect(await saveDraft()).toBe(409)
      const conflict = page.getByTestId("page-conflict")
      await conflict.waitFor({ timeout: 30_000 })
      expect(await conflict.innerText()).toMatch(/Someone else changed this page[\s\S]*changed since you opened it: it is now at version 4, you edited version 3/)
      shots.push("pages-builder-conflict.png", await page.screenshot())
      expect((await api("GET", `/admin/pages/${id}/versions`, owner)).count).toBe(4)
      await conflict.getByRole("button", { name: "Reload latest version" }).click()
      await conflict.waitFor({ state: "detached" })
      await page.waitForFunction(() => document.querySelectorAll("[data-testid=block-row]").length === 3)
      expect(await order()).toEqual(["testimonials", "hero", "rich_text"])

      // Restore version 2 (the first published one) and publish: the storefront shows it again.
      expect(await send(page.getByRole("button", { name: "Restore version 2" }), /\/restore$/)).toBe(200)
      await page.getByText("Version 2 restored as a new draft").first().waitFor({ timeout: 30_000 })
      await page.waitForFunction(() => document.querySelectorAll("[data-testid=block-row]").length === 5)
      expect(await order()).toEqual(published)
      expect(await publishPage()).toBe(200)
      const restored = (await api("GET", `/admin/pages/${id}`, owner)).page
      expect(restored).toMatchObject({ status: "published", published_version_id: restored.draft.id })
      expect(restored.draft.number).toBe(5)
      await shopPage.goto(`${shop}/p/${slug}`)
      await shopPage.getByRole("heading", { level: 1, name: firstHeading }).waitFor({ timeout: 60_000 })
      expect(await storeOrder(shopPage)).toEqual(published)
      expect(await shopPage.getByRole("heading", { name: secondHeading }).count()).toBe(0)
      shots.push("pages-storefront-restored-phone.png", await shopPage.screenshot({ fullPage: true }))
      expect(pageErrors).toEqual([])
    } catch (error) {
      const shot = await page.screenshot({ fullPage: true }).catch(() => null)
      if (shot) shots.push("pages-builder-failure.png", shot)
      throw new Error(`${(error as Error).message}\n--- medusa log tail ---\n${app.log().slice(-3000)}`)
    } finally {
      await browser.close()
      shots.write({ "pages-builder-calls.json": calls })
    }
    // The one refused call is the conflicting save.
    expect(calls.filter((c) => c.status >= 400).map((c) => [c.method, c.url.replace(/page_\w+/, ":id"), c.status])).toEqual([["POST", "/admin/pages/:id", 409]])
  })
})
