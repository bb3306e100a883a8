import { Button, Text } from "@medusajs/ui"
import { useMutation } from "@tanstack/react-query"
import { useRef } from "react"
import { errorText } from "../lib/api"
import { sdk } from "../lib/sdk"

/** What the server accepts (it checks again: type, extension and the file's first bytes). */
const ACCEPT = "video/mp4,video/quicktime,video/webm,.mp4,.m4v,.mov,.webm"

/** Sends one video as multipart to POST /admin/lesson-media/video (stored privately). */
async function uploadVideo(file: File) {
  const form = new FormData()
  form.append("file", file, file.name)
  const { file: stored } = await sdk.client.fetch<{ file: { file_id: string; name: string } }>("/admin/lesson-media/video", {
    method: "POST",
    // Let the browser write the multipart boundary (as the SDK's own upload does).
    headers: { "content-type": null },
    body: form,
  })
  return stored
}

/**
 * "Upload a video file": the lesson's video as a private file (no public URL; students get a
 * signed, expiring link). The upload happens at once with a pending state; the lesson points
 * to it when saved.
 */
export function VideoUploadField({
  uploaded,
  onUploaded,
  onError,
}: {
  uploaded: { file_id: string; name: string } | null
  onUploaded: (file: { file_id: string; name: string } | null) => void
  onError: (message: string | null) => void
}) {
  const input = useRef<HTMLInputElement>(null)
  const upload = useMutation({
    mutationFn: uploadVideo,
    onSuccess: (file) => {
      onError(null)
      onUploaded(file)
    },
    onError: (e) => onError(errorText(e, "The video was not uploaded")),
  })
  return (
    <div className="flex flex-wrap items-center gap-2">
      <input
        ref={input}
        type="file"
        accept={ACCEPT}
        className="hidden"
        aria-label="Video file"
        onChange={(e) => {
          const file = e.target.files?.[0]
          e.target.value = ""
          if (file) upload.mutate(file)
        }}
      />
      <Button size="small" variant="secondary" type="button" isLoading={upload.isPending} onClick={() => input.current?.click()}>
        Upload a video file
      </Button>
      {upload.isPending && <Text size="xsmall" className="text-ui-fg-muted" aria-live="polite">Uploading…</Text>}
      {uploaded && !upload.isPending && (
        <Text size="xsmall" className="break-all text-ui-fg-subtle">
          {uploaded.name} uploaded privately; saved with the lesson.{" "}
          <button type="button" className="text-ui-fg-interactive" onClick={() => onUploaded(null)}>Undo</button>
        </Text>
      )}
      <Text size="xsmall" className="basis-full text-ui-fg-muted">MP4, MOV or WebM; or paste a video URL above.</Text>
    </div>
  )
}
