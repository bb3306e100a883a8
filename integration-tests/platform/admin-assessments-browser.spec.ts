import { Json, launchChromium, loginToDashboard, recordAdminCalls, screenshots, SeededApp, startSeededApp } from "../helpers/browser-app"

// Issue 9's dashboard pages, in the built dashboard as the seeded owner of Acme: the quiz
// editor inside the lesson editor (what is entered is what is stored, and students never get
// the key), the assignment review queue (a pass with feedback reaches the student and
// completes the lesson), the certificate template and the course's certificate switch.

jest.setTimeout(600_000)

describe("assessment pages in the dashboard", () => {
  let app: SeededApp

  afterAll(async () => {
    await app?.close()
  })

  it("edits a quiz, reviews an assignment and sets certificates", async () => {
    app = await startSeededApp("assess_browser")
    const { api, base, summary } = app
    const acme = summary.orgs.find((o: Json) => o.owner.email === "owner@acme-academy.local")
    const key = { "x-publishable-api-key": acme.publishable_key }
    const token = (await api("POST", "/auth/user/emailpass", null, acme.owner)).token
    const stamp = Date.now().toString(36)

    // The demo student owns Basic of a seeded Acme course: a quiz and an assignment are placed
    // in its first section (tier 1) through the outline endpoint.
    const student = summary.customers.find((c: Json) => c.org_name === acme.name)
    const studentToken = (await api("POST", "/auth/customer/emailpass", null, { email: student.email, password: student.password })).token
    const { enrollments } = await api("GET", "/store/customers/me/enrollments", studentToken, undefined, key)
    const course = enrollments[0].course
    const quizLesson = (await api("POST", "/admin/lessons", token, { title: `Checkpoint quiz ${stamp}`, type: "quiz" })).lesson
    const assignment = (await api("POST", "/admin/lessons", token, { title: `Homework ${stamp}`, type: "assignment", body: "Write what you built." })).lesson
    const { modules } = await api("GET", `/admin/courses/${course.id}/outline`, token)
    const pick = (o: Json, keys: string[]) => Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]))
    const node = ["id", "title", "required_tier", "drip_days", "drip_date"]
    const outline = modules.map((m: Json, mi: number) => ({
      ...pick(m, node),
      sections: m.sections.map((s: Json, si: number) => ({
        ...pick(s, node),
        lessons: [
          ...s.lessons.map((p: Json) => pick(p, ["id", "lesson_id", "required_tier", "is_preview", "drip_days", "drip_date"])),
          ...(mi === 0 && si === 0 ? [{ lesson_id: quizLesson.id }, { lesson_id: assignment.id }] : []),
        ],
      })),
    }))
    await api("POST", `/admin/courses/${course.id}/outline`, token, { modules: outline })
    const placed = (await api("GET", `/admin/courses/${course.id}/outline`, token)).modules[0].sections[0].lessons
    const quizPlacement = placed.find((p: Json) => p.lesson_id === quizLesson.id)
    const assignmentPlacement = placed.find((p: Json) => p.lesson_id === assignment.id)

    const browser = await launchChromium()
    const shots = screenshots()
    const page = await browser.newPage({ viewport: { width: 1440, height: 1100 } })
    const { calls } = recordAdminCalls(page)
    try {
      await loginToDashboard(page, base, acme.owner)

      // Quiz editor: a single-choice and a multiple-choice question, passing score, attempts.
      await page.goto(`${base}/app/lessons`)
      await page.getByRole("button", { name: `Edit Checkpoint quiz ${stamp}` }).click({ timeout: 60_000 })
      const quiz = page.getByRole("region", { name: "Quiz" })
      await quiz.getByRole("button", { name: "Add question" }).click({ timeout: 30_000 })
      await quiz.getByLabel("Question 1", { exact: true }).fill("2 + 2 = ?")
      await quiz.getByLabel("Option a1", { exact: true }).fill("4")
      await quiz.getByLabel("Option a2", { exact: true }).fill("5")
      await quiz.getByLabel("Right answer: 4").click()
      await quiz.getByLabel("Explanation 1").fill("Two and two make four.")
      await quiz.getByLabel("Question type").click()
      await page.getByRole("option", { name: /multiple/i }).click()
      await quiz.getByRole("button", { name: "Add question" }).click()
      await quiz.getByLabel("Question 2", { exact: true }).fill("Which are even?")
      const q2 = quiz.locator("[data-question]").nth(1)
      await q2.getByLabel("Option a1", { exact: true }).fill("2")
      await q2.getByLabel("Option a2", { exact: true }).fill("3")
      await q2.getByRole("button", { name: /add option/i }).click()
      await q2.getByLabel("Option a3", { exact: true }).fill("8")
      await q2.getByLabel("Right answer: 2").click()
      await q2.getByLabel("Right answer: 8").click()
      await quiz.getByLabel("Passing score (%)").fill("50")
      await quiz.getByLabel("Attempts").fill("2")
      await quiz.scrollIntoViewIfNeeded()
      shots.push("admin-quiz-editor.png", await page.screenshot())
      // Issue 22: the drawer has one save button; it saves the quiz with the lesson and closes.
      expect(await quiz.getByRole("button", { name: /save/i }).count()).toBe(0)
      await page.getByRole("dialog").getByRole("button", { name: /save/i }).waitFor()
      expect(await page.getByRole("dialog").getByRole("button", { name: /save/i }).count()).toBe(1)
      await page.getByRole("button", { name: "Save lesson" }).click()
      await page.getByText("Lesson and quiz saved").first().waitFor({ timeout: 30_000 })
      await page.getByRole("dialog").waitFor({ state: "detached", timeout: 30_000 })

      const stored = (await api("GET", `/admin/lessons/${quizLesson.id}/quiz`, token)).quiz
      expect(stored).toMatchObject({ passing_score: 50, attempts_limit: 2 })
      expect(stored.questions.map((q: Json) => [q.type, q.prompt, q.options.map((o: Json) => o.text), [...q.correct_option_ids].sort()])).toEqual([
        ["single_choice", "2 + 2 = ?", ["4", "5"], ["a1"]],
        ["multiple_choice", "Which are even?", ["2", "3", "8"], ["a1", "a3"]],
      ])
      // What the student is served (the quiz, then an attempt's questions) carries no answer key.
      const summaryServed = await api("GET", `/store/courses/${course.handle}/lessons/${quizPlacement.id}/quiz`, studentToken, undefined, key)
      expect(summaryServed.quiz).toMatchObject({ question_count: 2, passing_score: 50, attempts_limit: 2 })
      const started = await api("POST", `/store/courses/${course.handle}/lessons/${quizPlacement.id}/quiz/attempts`, studentToken, {}, key)
      const text = JSON.stringify([summaryServed, started])
      expect(text).toContain("Which are even?")
      expect(text).not.toMatch(/correct|accepted_answers|Two and two make four/)

      // Assignment: the student submits; the owner passes it with feedback in the queue.
      await api("POST", `/store/courses/${course.handle}/lessons/${assignmentPlacement.id}/assignment/submissions`, studentToken, { text: `My project ${stamp}` }, key)
      await page.goto(`${base}/app/assignments`)
      await page.getByText(`My project ${stamp}`).waitFor({ timeout: 60_000 })
      shots.push("admin-assignments-queue.png", await page.screenshot())
      await page.getByLabel(`Feedback for ${student.email}`).first().fill("Clear and complete. Well done.")
      await page.getByRole("button", { name: "Pass", exact: true }).first().click()
      // Reviewed, it leaves the "waiting for review" queue.
      await page.getByText(`My project ${stamp}`).waitFor({ state: "detached", timeout: 30_000 })
      await page.getByText("Nothing here.").waitFor({ timeout: 30_000 })
      const seen = await api("GET", `/store/courses/${course.handle}/lessons/${assignmentPlacement.id}/assignment`, studentToken, undefined, key)
      expect(JSON.stringify(seen)).toContain("Clear and complete. Well done.")
      expect(JSON.stringify(seen)).toMatch(/"passed"/)
      const after = await api("GET", `/store/courses/${course.handle}`, studentToken, undefined, key)
      const lessons = after.course.modules.flatMap((m: Json) => m.sections.flatMap((s: Json) => s.lessons))
      expect(lessons.find((l: Json) => l.id === assignmentPlacement.id).completed).toBe(true)

      // Certificate template, and the course's switch in the builder.
      await page.goto(`${base}/app/certificates`)
      await page.getByLabel("Signed by (name)").fill("Ada Acme", { timeout: 60_000 })
      await page.getByLabel("Signer's title").fill("Head of learning")
      await page.getByRole("button", { name: "Save template" }).click()
      await page.getByText("Certificate template saved").first().waitFor({ timeout: 30_000 })
      shots.push("admin-certificates.png", await page.screenshot())
      const settings = (await api("GET", "/admin/certificate-settings", token)).certificate_settings
      expect(settings).toMatchObject({ signatory_name: "Ada Acme", signatory_title: "Head of learning" })
      const before = (await api("GET", `/admin/courses/${course.id}`, token)).course.certificates_enabled
      await page.goto(`${base}/app/courses/${course.id}`)
      await page.getByLabel("Certificate on completion").click({ timeout: 60_000 })
      await page.getByText(before ? "Certificates off" : /Certificates on/).first().waitFor({ timeout: 30_000 })
      expect((await api("GET", `/admin/courses/${course.id}`, token)).course.certificates_enabled).toBe(!before)
    } catch (error) {
      const shot = await page.screenshot({ fullPage: true }).catch(() => null)
      if (shot) shots.push("admin-assessments-failure.png", shot)
      throw new Error(`${(error as Error).message}\n--- medusa log tail ---\n${app.log().slice(-3000)}`)
    } finally {
      await browser.close()
      shots.write({ "admin-assessments-calls.json": calls })
    }
    expect(calls.filter((c) => c.status >= 400)).toEqual([])
  })
})
