import { checkLessonVideo } from "./video-file"

const mp4Head = Uint8Array.from([0, 0, 0, 0x18, ...Buffer.from("ftypisom")])
const webmHead = Uint8Array.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81])
const MB = 1024 * 1024
const check = (over: Partial<Parameters<typeof checkLessonVideo>[0]>, max = 10 * MB) =>
  checkLessonVideo({ name: "intro.mp4", mime_type: "video/mp4", size: 1000, head: mp4Head, ...over }, max)

describe("checkLessonVideo", () => {
  it("accepts MP4, MOV and WebM whose bytes match", () => {
    expect(check({})).toEqual({ ok: true, mime_type: "video/mp4" })
    expect(check({ name: "clip.MOV", mime_type: "video/quicktime" })).toEqual({ ok: true, mime_type: "video/quicktime" })
    expect(check({ name: "a.webm", mime_type: "video/webm", head: webmHead })).toEqual({ ok: true, mime_type: "video/webm" })
  })

  it("refuses other types, naming the allowed ones", () => {
    const r = check({ name: "x.avi", mime_type: "video/x-msvideo" })
    expect(r).toEqual({ ok: false, message: expect.stringContaining("video/mp4, video/quicktime, video/webm") })
  })

  it("refuses a file whose bytes are not that container (a renamed page or program)", () => {
    expect(check({ head: Uint8Array.from(Buffer.from("<html><body>")) })).toEqual({ ok: false, message: "the file's content is not a video/mp4 video" })
    expect(check({ name: "a.webm", mime_type: "video/webm", head: mp4Head }).ok).toBe(false)
  })

  it("refuses a wrong extension, an empty file and one over the limit", () => {
    expect(check({ name: "intro.exe" })).toEqual({ ok: false, message: "a video/mp4 file must be named .mp4 or .m4v" })
    expect(check({ size: 0 })).toEqual({ ok: false, message: "the file is empty" })
    expect(check({ size: 10 * MB + 1 })).toEqual({ ok: false, message: "the file must be at most 10 MB" })
    expect(check({ size: 10 * MB }).ok).toBe(true)
  })
})
