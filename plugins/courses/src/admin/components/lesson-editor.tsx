import { Button, Drawer, Input, Label, Select, Text, Textarea, toast } from "@medusajs/ui"
import { useMutation, useQueryClient } from "@tanstack/react-query"
import { useEffect, useState } from "react"
import { Attachment, courseKeys, errorText, Lesson } from "../lib/api"
import { AttachmentsField } from "./attachments-field"
import { sdk } from "../lib/sdk"
import { MarkdownPreview } from "./markdown-preview"
import { quizKey, QuizDraftState, QuizEditor } from "./quiz-editor"
import { quizPayload } from "../lib/quiz-draft"
import { VideoUploadField } from "./video-upload-field"

const TYPES = ["text", "video", "download", "quiz", "assignment"]

type Form = { title: string; type: string; body: string; video_source: string; attachments: Attachment[] }
const formOf = (l?: Lesson): Form => ({
  title: l?.title ?? "",
  type: l?.type ?? "text",
  body: l?.body ?? "",
  video_source: l?.video_source ?? "",
  attachments: l?.attachments ?? [],
})

/** Create (no `lesson`) or edit a library lesson in a drawer: title, type, markdown with preview, video URL. */
export function LessonEditor({
  lesson,
  open,
  onOpenChange,
  orgId,
}: {
  lesson?: Lesson
  open: boolean
  onOpenChange: (o: boolean) => void
  /** Platform operators create a lesson for this org. */
  orgId?: string
}) {
  const client = useQueryClient()
  const [form, setForm] = useState<Form>(formOf(lesson))
  const [tab, setTab] = useState<"write" | "preview">("write")
  const [problem, setProblem] = useState<string | null>(null)
  const [quiz, setQuiz] = useState<QuizDraftState | null>(null)
  // A video uploaded in this drawer (private file) replaces the URL / the saved source.
  const [uploaded, setUploaded] = useState<{ file_id: string; name: string } | null>(null)
  const otherProvider = !uploaded && !!lesson?.video_provider && lesson.video_provider !== "url"
  const withQuiz = form.type === "quiz" && lesson?.type === "quiz" && !!quiz
  const save = useMutation({
    mutationFn: async () => {
      // One save for the drawer: the quiz first (its checks are the strict ones), then the lesson.
      if (withQuiz && lesson) {
        if (quiz!.draft.questions.length) {
          await sdk.client.fetch(`/admin/lessons/${lesson.id}/quiz`, { method: "POST", body: quizPayload(quiz!.draft) })
        } else if (quiz!.exists) {
          throw new Error("A quiz needs at least one question: add one, or change the lesson's type")
        }
      }
      const video = form.video_source.trim()
      const body = {
        title: form.title,
        type: form.type,
        body: form.body || null,
        attachments: form.attachments.length ? form.attachments : null,
        // Lessons on another provider (file, Mux, Cloudflare) keep their source.
        ...(uploaded
          ? { video_provider: "file", video_source: uploaded.file_id }
          : otherProvider
            ? {}
            : { video_provider: video ? "url" : null, video_source: video || null }),
      }
      return lesson
        ? sdk.client.fetch(`/admin/lessons/${lesson.id}`, { method: "POST", body })
        : sdk.client.fetch("/admin/lessons", { method: "POST", body: { ...body, ...(orgId ? { org_id: orgId } : {}) } })
    },
    onSuccess: () => {
      client.invalidateQueries({ queryKey: courseKeys.lessons })
      client.invalidateQueries({ queryKey: courseKeys.all })
      if (lesson) client.invalidateQueries({ queryKey: quizKey(lesson.id) })
      toast.success(!lesson ? "Lesson created" : withQuiz && quiz!.draft.questions.length ? "Lesson and quiz saved" : "Lesson saved")
      onOpenChange(false)
    },
    onError: (e) => setProblem(errorText(e, "The lesson was not saved")),
  })
  // The parent opens the drawer by setting `open` (the Drawer's own onOpenChange only fires
  // when it closes itself), so the form starts over on every opening: "New lesson" opens
  // empty, not with the lesson written last (issue 22), and Edit shows the saved lesson.
  useEffect(() => {
    if (!open) return
    setForm(formOf(lesson))
    setUploaded(null)
    setProblem(null)
    setTab("write")
    // Only an opening (or another lesson) resets; a refetch of the same lesson keeps the edits.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, lesson?.id])
  return (
    <Drawer open={open} onOpenChange={onOpenChange}>
      <Drawer.Content className="max-w-2xl">
        <Drawer.Header>
          <Drawer.Title>{lesson ? `Edit ${lesson.title}` : "New lesson"}</Drawer.Title>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-4 overflow-y-auto">
          <div className="flex flex-col gap-1">
            <Label htmlFor="lesson-title">Title</Label>
            <Input id="lesson-title" value={form.title} onChange={(e) => setForm({ ...form, title: e.target.value })} />
          </div>
          <div className="flex flex-col gap-1">
            <Label htmlFor="lesson-type">Type</Label>
            <Select value={form.type} onValueChange={(type) => setForm({ ...form, type })}>
              <Select.Trigger id="lesson-type" aria-label="Type">
                <Select.Value />
              </Select.Trigger>
              <Select.Content>
                {TYPES.map((t) => (
                  <Select.Item key={t} value={t}>
                    {t}
                  </Select.Item>
                ))}
              </Select.Content>
            </Select>
          </div>
          <div className="flex flex-col gap-1">
            <Label htmlFor="lesson-video">Video URL</Label>
            <Input
              id="lesson-video"
              placeholder="https://…"
              disabled={otherProvider}
              value={form.video_source}
              onChange={(e) => setForm({ ...form, video_source: e.target.value })}
            />
            {otherProvider && (
              <Text size="xsmall" className="text-ui-fg-muted">
                {lesson?.video_provider === "file" ? "An uploaded video (private file); kept unless you upload another." : `Video from ${lesson?.video_provider}; kept as is.`}
              </Text>
            )}
            <VideoUploadField uploaded={uploaded} onUploaded={setUploaded} onError={setProblem} />
          </div>
          <div className="flex flex-col gap-1">
            <div className="flex items-center justify-between">
              <Label htmlFor="lesson-body">Body (markdown)</Label>
              <div className="flex gap-1">
                <Button size="small" variant={tab === "write" ? "secondary" : "transparent"} onClick={() => setTab("write")}>
                  Write
                </Button>
                <Button size="small" variant={tab === "preview" ? "secondary" : "transparent"} onClick={() => setTab("preview")}>
                  Preview
                </Button>
              </div>
            </div>
            {tab === "write" ? (
              <Textarea id="lesson-body" rows={14} className="font-mono" value={form.body} onChange={(e) => setForm({ ...form, body: e.target.value })} />
            ) : (
              <div className="min-h-[14rem] rounded-md border border-ui-border-base p-3">
                {form.body.trim() ? <MarkdownPreview source={form.body} /> : <Text className="text-ui-fg-muted">Nothing to preview.</Text>}
              </div>
            )}
          </div>
          <AttachmentsField value={form.attachments} onChange={(attachments) => setForm({ ...form, attachments })} onError={setProblem} />
          {form.type === "quiz" &&
            (lesson?.type === "quiz" ? (
              <QuizEditor lessonId={lesson.id} onDraftChange={setQuiz} />
            ) : (
              <Text size="small" className="text-ui-fg-muted">Save the lesson as a quiz first, then add its questions here.</Text>
            ))}
          {form.type === "assignment" && (
            <Text size="small" className="text-ui-fg-muted">The body is the assignment's instructions; submissions arrive in Assignments.</Text>
          )}
        </Drawer.Body>
        <Drawer.Footer className="flex-wrap">
          {problem && (
            <Text size="small" className="mr-auto text-ui-fg-error" role="alert">
              {problem}
            </Text>
          )}
          <Drawer.Close asChild>
            <Button size="small" variant="secondary">
              Cancel
            </Button>
          </Drawer.Close>
          <Button size="small" isLoading={save.isPending} disabled={!form.title.trim()} onClick={() => save.mutate()}>
            Save lesson
          </Button>

        </Drawer.Footer>
      </Drawer.Content>
    </Drawer>
  )
}
