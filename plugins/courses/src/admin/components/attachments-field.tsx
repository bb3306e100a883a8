import { Button, Label, Text } from "@medusajs/ui"
import { useMutation } from "@tanstack/react-query"
import { useRef } from "react"
import type { Attachment } from "../lib/api"
import { errorText } from "../lib/api"
import { sdk } from "../lib/sdk"

/** A browser File as base64 (the data URL's payload). */
export function fileAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ""))
    reader.onerror = () => reject(reader.error ?? new Error("The file could not be read"))
    reader.readAsDataURL(file)
  })
}

/** Stores one file privately (POST /admin/lesson-media): no public URL, only signed links. */
export async function uploadLessonFile(file: File): Promise<Attachment> {
  const mime_type = file.type || "application/octet-stream"
  const { file: stored } = await sdk.client.fetch<{ file: Attachment }>("/admin/lesson-media", {
    method: "POST",
    body: { name: file.name, mime_type, content_base64: await fileAsBase64(file) },
  })
  return stored
}

/**
 * A lesson's downloadable files: stored privately through Medusa's file module
 * (POST /admin/lesson-media), kept on the lesson as `{ file_id, name, mime_type }`.
 * Students only ever get signed, short-lived URLs.
 */
export function AttachmentsField({
  value,
  onChange,
  onError,
}: {
  value: Attachment[]
  onChange: (next: Attachment[]) => void
  onError: (message: string | null) => void
}) {
  const input = useRef<HTMLInputElement>(null)
  const upload = useMutation({
    mutationFn: async (files: File[]) => Promise.all(files.map(uploadLessonFile)),
    onSuccess: (added) => {
      onError(null)
      onChange([...value, ...added])
    },
    onError: (e) => onError(errorText(e, "The file was not uploaded")),
  })
  return (
    <div className="flex flex-col gap-2">
      <div className="flex items-center justify-between">
        <Label htmlFor="lesson-attachments">Attachments</Label>
        <Button size="small" variant="secondary" isLoading={upload.isPending} onClick={() => input.current?.click()}>
          Upload files
        </Button>
        <input
          id="lesson-attachments"
          ref={input}
          type="file"
          multiple
          className="hidden"
          onChange={(e) => {
            const files = Array.from(e.target.files ?? [])
            e.target.value = ""
            if (files.length) upload.mutate(files)
          }}
        />
      </div>
      {value.length === 0 ? (
        <Text size="small" className="text-ui-fg-muted">No attachments. Students download them from the lesson.</Text>
      ) : (
        <ul className="flex flex-col gap-1">
          {value.map((a) => (
            <li key={a.file_id} className="flex items-center justify-between rounded-md border border-ui-border-base px-3 py-1">
              <Text size="small">{a.name}</Text>
              <Button
                size="small"
                variant="transparent"
                aria-label={`Remove ${a.name}`}
                onClick={() => onChange(value.filter((x) => x.file_id !== a.file_id))}
              >
                Remove
              </Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
