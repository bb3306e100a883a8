import fs from "node:fs"
import path from "node:path"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import { send } from "../../helpers/http"
import { createTwoOrgFixture, TwoOrgFixture } from "../../helpers/orgs"
import { courseService, createCourseWithOutline, createLesson, placementsByTitle } from "../../helpers/courses"

import * as accessWf from "@volmify/access/workflows"

jest.setTimeout(300_000)

// 64 KiB of bytes that differ at every offset, so a wrong range cannot pass by accident.
const VIDEO = Buffer.from(Array.from({ length: 65_536 }, (_, i) => (i * 31 + (i >> 8)) % 256))
const PDF = Buffer.from("%PDF-1.4 lesson notes\n")

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let f: TwoOrgFixture
    let videoFileId: string
    let notesFileId: string
    let placement: Record<string, string>
    let product: { id: string }
    let lessonId: string

    const created: string[] = []
    let privateDir = ""
    afterAll(() => {
      // The local provider writes into the working tree (the app is already down here).
      for (const id of created) {
        for (const dir of [privateDir, path.join(process.cwd(), "uploads")]) {
          if (dir) fs.rmSync(path.join(dir, id), { force: true })
        }
      }
    })

    const upload = (headers: Record<string, string>, body: Record<string, unknown>) =>
      send(api, "post", "/admin/lesson-media", headers, body)
    const raw = (url: string, headers: Record<string, string> = {}) =>
      api.get(url, { headers, maxRedirects: 0, validateStatus: () => true, responseType: "arraybuffer", decompress: false })
    const grant = (customerId: string, tier: number) =>
      accessWf.grantEntitlementWorkflow(getContainer()).run({
        input: { customer_id: customerId, product_id: product.id, tier, reason: "test grant", granted_by: "test" },
      })
    const lessonAs = (headers: Record<string, string>) =>
      send(api, "get", `/store/courses/media-course/lessons/${placement["Premium video"]}`, headers)

    beforeAll(async () => {
      const container = getContainer()
      f = await createTwoOrgFixture(container, api, { prefix: "m" })
      privateDir = courseService(container).media.privateFilesDir
      const video = await upload(f.a.staff.creator.headers, { name: "lesson one.mp4", mime_type: "video/mp4", content_base64: VIDEO.toString("base64") })
      const notes = await upload(f.a.staff.creator.headers, { name: "notes.pdf", mime_type: "application/pdf", content_base64: PDF.toString("base64") })
      expect([video.status, notes.status]).toEqual([201, 201])
      videoFileId = video.data.file.file_id
      notesFileId = notes.data.file.file_id
      created.push(videoFileId, notesFileId)
      const lesson = await createLesson(container, f.a.org.id, {
        title: "Premium video",
        type: "video",
        video_provider: "file",
        video_source: videoFileId,
        attachments: [{ file_id: notesFileId, name: "notes.pdf", mime_type: "application/pdf" }],
      })
      lessonId = lesson.id
      const mux = await createLesson(container, f.a.org.id, { title: "Mux video", type: "video", video_provider: "mux", video_source: "abcdefghijklmnop" })
      const yt = await createLesson(container, f.a.org.id, { title: "YouTube video", type: "video", video_provider: "url", video_source: "https://www.youtube.com/watch?v=dQw4w9WgXcQ" })
      const made = await createCourseWithOutline(container, f.a.org, {
        handle: "media-course",
        outline: [
          {
            title: "M",
            sections: [
              {
                title: "S",
                lessons: [
                  { lesson_id: lesson.id, required_tier: 2 },
                  { lesson_id: mux.id, is_preview: true },
                  { lesson_id: yt.id, is_preview: true },
                ],
              },
            ],
          },
        ],
      })
      product = made.product
      placement = await placementsByTitle(container, made.course.id)
      await grant(f.a.customer.customer.id, 2)
      await grant(f.b.customer.customer.id, 1)
    })

    it("POST /admin/lesson-media: the actor matrix and bad input", async () => {
      const body = { name: "clip.mp4", mime_type: "video/mp4", content_base64: VIDEO.subarray(0, 30).toString("base64") }
      const actors: [string, Record<string, string>, number][] = [
        ["anonymous", {}, 401],
        ["customer of A", { authorization: f.a.customer.headers.authorization }, 401],
        ["customer of B", { authorization: f.b.customer.headers.authorization }, 401],
        ["owner of A", f.a.staff.owner.headers, 201],
        ["creator of A", f.a.staff.creator.headers, 201],
        ["staff of A (read-only role)", f.a.staff.staff.headers, 403],
        ["owner of B", f.b.staff.owner.headers, 201],
        ["admin user of no org", f.outsider.headers, 403],
        ["platform operator", f.platform.headers, 201],
      ]
      const seen = []
      for (const [name, headers, want] of actors) {
        const res = await upload(headers, body)
        seen.push([name, res.status === want ? "ok" : `${res.status} ${JSON.stringify(res.data)}`])
        if (res.status === 201) {
          created.push(res.data.file.file_id)
          expect(res.data.file).toEqual({ file_id: expect.stringMatching(/^private-\d+-[0-9a-f]{32}-clip\.mp4$/), name: "clip.mp4", mime_type: "video/mp4" })
        }
      }
      expect(seen.filter(([, r]) => r !== "ok")).toEqual([])
      const bad: [Record<string, unknown>, RegExp][] = [
        [{ ...body, name: "../etc/passwd" }, /name must not contain slashes/],
        [{ ...body, mime_type: "video" }, /mime_type/],
        [{ ...body, content_base64: "not base64!" }, /content_base64 must be base64/],
        [{ ...body, extra: 1 }, /extra/],
        [{ name: "x.mp4", mime_type: "video/mp4" }, /content_base64/],
      ]
      for (const [payload, message] of bad) {
        const res = await upload(f.a.staff.owner.headers, payload)
        expect([res.status, String(res.data.message)]).toEqual([400, expect.stringMatching(message)])
      }
    })

    it("POST /admin/lesson-media/video (multipart): a real MP4 is stored privately and plays signed; bad files are 4xx; actor matrix", async () => {
      // An MP4 starts with its ftyp box; the rest of the bytes are the test pattern.
      const mp4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from("ftypisom"), VIDEO.subarray(12, 4096)])
      const form = (bytes: Buffer, name: string, type: string, field = "file") => {
        const data = new FormData()
        data.append(field, new Blob([bytes], { type }), name)
        return data
      }
      const post = (headers: Record<string, string>, body: unknown) =>
        api.post("/admin/lesson-media/video", body, { headers, validateStatus: () => true })

      const actors: [string, Record<string, string>, number][] = [
        ["anonymous", {}, 401],
        ["customer of A", { authorization: f.a.customer.headers.authorization }, 401],
        ["staff of A (read-only role)", f.a.staff.staff.headers, 403],
        ["admin user of no org", f.outsider.headers, 403],
        ["creator of A", f.a.staff.creator.headers, 201],
        ["owner of B", f.b.staff.owner.headers, 201],
        ["platform operator", f.platform.headers, 201],
      ]
      const seen = []
      for (const [name, headers, want] of actors) {
        const res = await post(headers, form(mp4, "intro clip.mp4", "video/mp4"))
        seen.push([name, res.status === want ? "ok" : `${res.status} ${JSON.stringify(res.data)}`])
        if (res.status === 201) created.push(res.data.file.file_id)
      }
      expect(seen.filter(([, r]) => r !== "ok")).toEqual([])

      const good = await post(f.a.staff.owner.headers, form(mp4, "intro clip.mp4", "video/mp4"))
      expect([good.status, good.data.file]).toEqual([
        201,
        { file_id: expect.stringMatching(/^private-\d+-[0-9a-f]{32}-intro clip\.mp4$/), name: "intro clip.mp4", mime_type: "video/mp4", size: mp4.length },
      ])
      created.push(good.data.file.file_id)
      expect(fs.readFileSync(path.join(privateDir, good.data.file.file_id)).equals(mp4)).toBe(true)
      expect(fs.existsSync(path.join(process.cwd(), "uploads", good.data.file.file_id))).toBe(false)
      // Set on the lesson, the student gets it through the signed route, byte for byte.
      await courseService(getContainer()).updateLessons({ id: lessonId, video_source: good.data.file.file_id })
      try {
        const { data } = await lessonAs(f.a.customer.headers)
        const played = await raw(data.lesson.video.url)
        expect([played.status, played.headers["content-type"], Buffer.from(played.data).equals(mp4)]).toEqual([200, expect.stringMatching(/^video\/mp4/), true])
      } finally {
        await courseService(getContainer()).updateLessons({ id: lessonId, video_source: videoFileId })
      }

      const html = Buffer.from("<html><body>not a video</body></html>")
      const bad: [unknown, number, RegExp][] = [
        [form(html, "page.mp4", "video/mp4"), 400, /content is not a video\/mp4 video/],
        [form(mp4, "clip.avi", "video/x-msvideo"), 400, /not a lesson video: use video\/mp4, video\/quicktime, video\/webm/],
        [form(html, "page.html", "text/html"), 400, /text\/html is not a lesson video/],
        [form(mp4, "clip.exe", "video/mp4"), 400, /must be named \.mp4 or \.m4v/],
        [form(Buffer.alloc(0), "empty.mp4", "video/mp4"), 400, /empty/],
        [form(mp4, "clip.mp4", "video/mp4", "video"), 400, /form field `file`/],
        [new FormData(), 400, /file is required/],
      ]
      for (const [body, status, message] of bad) {
        const res = await post(f.a.staff.owner.headers, body)
        expect([res.status, String(res.data?.message)]).toEqual([status, expect.stringMatching(message)])
      }
      // Over the limit (read per request): 413, and nothing is stored.
      const before = fs.readdirSync(privateDir).length
      process.env.VOLMIFY_LESSON_VIDEO_MAX_MB = "1"
      try {
        const big = Buffer.concat([mp4, Buffer.alloc(1024 * 1024)])
        const res = await post(f.a.staff.owner.headers, form(big, "big.mp4", "video/mp4"))
        expect([res.status, res.data?.message]).toEqual([413, "the file must be at most 1 MB"])
      } finally {
        delete process.env.VOLMIFY_LESSON_VIDEO_MAX_MB
      }
      expect(fs.readdirSync(privateDir).length).toBe(before)
    })

    it("the stored file is private: on disk outside uploads/, and its file-module URL does not answer", async () => {
      const file = await getContainer().resolve(Modules.FILE).retrieveFile(videoFileId)
      const publicPath = new URL(file.url).pathname
      expect(decodeURIComponent(publicPath)).toBe(`/uploads/${videoFileId}`)
      expect((await raw(publicPath)).status).toBe(404)
      // The control: a public file of the same module does answer at its URL.
      const [pub] = await getContainer()
        .resolve(Modules.FILE)
        .createFiles([{ filename: "control.txt", mimeType: "text/plain", content: Buffer.from("public").toString("base64"), access: "public" }])
      created.push(pub.id)
      const control = await raw(new URL(pub.url).pathname)
      expect([control.status, Buffer.from(control.data).toString()]).toEqual([200, "public"])
      expect(fs.readFileSync(path.join(privateDir, videoFileId)).equals(VIDEO)).toBe(true)
      expect(fs.existsSync(path.join(process.cwd(), "uploads", videoFileId))).toBe(false)
    })

    it("the signed URL plays: whole file, a Range answers 206 with the right bytes, past the end 416", async () => {
      const { status, data } = await lessonAs(f.a.customer.headers)
      expect(status).toBe(200)
      expect(data.lesson.video).toMatchObject({ provider: "file", protected: true, embed_url: null })
      const url: string = data.lesson.video.url
      expect(url).toMatch(new RegExp(`^/course-media/lessons/${lessonId}/video\\?expires=\\d+&signature=[0-9a-f]{64}$`))

      const whole = await raw(url)
      expect(whole.status).toBe(200)
      expect(whole.headers["accept-ranges"]).toBe("bytes")
      expect(whole.headers["cache-control"]).toBe("private, no-store, no-transform")
      expect(whole.headers["content-type"]).toMatch(/^video\/mp4/)
      expect(Buffer.from(whole.data).equals(VIDEO)).toBe(true)

      const part = await raw(url, { range: "bytes=1000-1999" })
      expect(part.status).toBe(206)
      expect(part.headers["content-range"]).toBe(`bytes 1000-1999/${VIDEO.length}`)
      expect(Buffer.from(part.data).equals(VIDEO.subarray(1000, 2000))).toBe(true)

      const tail = await raw(url, { range: "bytes=-16" })
      expect([tail.status, Buffer.from(tail.data).equals(VIDEO.subarray(VIDEO.length - 16))]).toEqual([206, true])

      const beyond = await raw(url, { range: `bytes=${VIDEO.length + 10}-` })
      expect(beyond.status).toBe(416)
      expect(beyond.headers["content-range"]).toBe(`bytes */${VIDEO.length}`)

      // The attachment, signed the same way.
      const attachment = data.lesson.attachments[0]
      expect(attachment).toMatchObject({ name: "notes.pdf", mime_type: "application/pdf" })
      const download = await raw(attachment.url)
      expect([download.status, Buffer.from(download.data).equals(PDF)]).toEqual([200, true])
    })

    it("an expired, tampered or re-pointed signature answers 403", async () => {
      const { data } = await lessonAs(f.a.customer.headers)
      const url: string = data.lesson.video.url
      const attachmentUrl: string = data.lesson.attachments[0].url
      const bad = [
        url.replace(/signature=./, (m) => (m.endsWith("a") ? "signature=b" : "signature=a")),
        url.replace(/expires=(\d+)/, (_m, e) => `expires=${Number(e) + 60}`),
        url.split("?")[0],
        // The video's signature on the attachment's path.
        attachmentUrl.split("?")[0] + "?" + url.split("?")[1],
      ]
      for (const target of bad) {
        expect([target, (await raw(target, { range: "bytes=0-9" })).status]).toEqual([target, 403])
      }
      const stale = courseService(getContainer()).mediaSigner.sign(url.split("?")[0], new Date(Date.now() - 16 * 60_000)).url
      const expired = await raw(stale)
      expect(expired.status).toBe(403)
      expect(JSON.parse(Buffer.from(expired.data).toString()).message).toMatch(/expired/)
    })

    it("a lower tier, an anonymous visitor and another org's key never receive a signed URL", async () => {
      const lower = await lessonAs({ ...f.a.key.headers, authorization: f.b.customer.headers.authorization })
      expect([lower.status, lower.data.code]).toEqual([403, "tier_required"])
      const anonymous = await lessonAs(f.a.key.headers)
      expect(anonymous.status).toBe(401)
      const otherOrg = await lessonAs(f.b.key.headers)
      expect(otherOrg.status).toBe(404)
      for (const res of [lower, anonymous, otherOrg]) {
        const text = JSON.stringify(res.data)
        expect(text).not.toMatch(/signature=|course-media|private-/)
      }
    })

    it("external hosts: YouTube embeds its own player; Mux without signing keys gets no URL", async () => {
      const yt = await send(api, "get", `/store/courses/media-course/lessons/${placement["YouTube video"]}`, f.a.key.headers)
      expect(yt.data.lesson.video).toEqual({
        provider: "youtube",
        url: null,
        embed_url: "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        expires_at: null,
        protected: false,
      })
      const mux = await send(api, "get", `/store/courses/media-course/lessons/${placement["Mux video"]}`, f.a.key.headers)
      expect(mux.data.lesson.video).toEqual({ provider: "mux", url: null, embed_url: null, expires_at: null, protected: false })
    })

    it("a lesson file uploaded publicly (core /admin/uploads) is not served by the signed route", async () => {
      const [pub] = await getContainer()
        .resolve(Modules.FILE)
        .createFiles([{ filename: "public.mp4", mimeType: "video/mp4", content: VIDEO.subarray(0, 10).toString("base64"), access: "public" }])
      created.push(pub.id)
      await courseService(getContainer()).updateLessons({ id: lessonId, video_source: pub.id })
      try {
        const { data } = await lessonAs(f.a.customer.headers)
        const res = await raw(data.lesson.video.url)
        expect(res.status).toBe(404)
        expect(JSON.parse(Buffer.from(res.data).toString()).message).toMatch(/uploaded privately/)
      } finally {
        await courseService(getContainer()).updateLessons({ id: lessonId, video_source: videoFileId })
      }
    })
  },
})
