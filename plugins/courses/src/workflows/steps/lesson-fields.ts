export type LessonFields = {
  title?: string
  type?: "video" | "text" | "download" | "quiz" | "assignment"
  body?: string | null
  video_provider?: "url" | "file" | "mux" | "cloudflare" | null
  video_source?: string | null
  duration_seconds?: number | null
  attachments?: { file_id: string; name: string; mime_type?: string }[] | null
}
