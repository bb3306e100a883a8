/** Quiz editor state and the pure edits on it (unit-tested). The server validates again. */
export type QuestionType = "single_choice" | "multiple_choice" | "true_false" | "short_answer"
export type DraftOption = { id: string; text: string }
export type DraftQuestion = {
  id: string
  type: QuestionType
  prompt: string
  points: number
  options: DraftOption[]
  correct_option_ids: string[]
  accepted_answers: string[]
  match: "exact" | "case_insensitive"
  explanation: string
}
export type DraftQuiz = {
  passing_score: number
  time_limit_seconds: number | null
  attempts_limit: number | null
  shuffle: boolean
  show_explanations: boolean
  required: boolean
  questions: DraftQuestion[]
}

export const QUESTION_TYPE_LABELS: Record<QuestionType, string> = {
  single_choice: "Single choice",
  multiple_choice: "Multiple choice",
  true_false: "True / false",
  short_answer: "Short answer",
}

/** The next unused id with this prefix (q1, q2, …; a1, a2, …). */
export function nextId(prefix: string, used: string[]): string {
  let n = used.length + 1
  while (used.includes(`${prefix}${n}`)) n++
  return `${prefix}${n}`
}

export function newQuestion(type: QuestionType, existing: DraftQuestion[]): DraftQuestion {
  const id = nextId("q", existing.map((q) => q.id))
  const options = type === "single_choice" || type === "multiple_choice" ? [{ id: "a1", text: "" }, { id: "a2", text: "" }] : []
  return { id, type, prompt: "", points: 1, options, correct_option_ids: [], accepted_answers: type === "short_answer" ? [""] : [], match: "case_insensitive", explanation: "" }
}

/** Marks an option right: one for single choice / true-false, toggled for multiple choice. */
export function toggleCorrect(q: DraftQuestion, optionId: string): DraftQuestion {
  if (q.type === "multiple_choice") {
    const has = q.correct_option_ids.includes(optionId)
    return { ...q, correct_option_ids: has ? q.correct_option_ids.filter((id) => id !== optionId) : [...q.correct_option_ids, optionId] }
  }
  return { ...q, correct_option_ids: [optionId] }
}

export function removeOption(q: DraftQuestion, optionId: string): DraftQuestion {
  return { ...q, options: q.options.filter((o) => o.id !== optionId), correct_option_ids: q.correct_option_ids.filter((id) => id !== optionId) }
}

export function moveQuestion(list: DraftQuestion[], index: number, delta: -1 | 1): DraftQuestion[] {
  const to = index + delta
  if (to < 0 || to >= list.length) return list
  const out = [...list]
  ;[out[index], out[to]] = [out[to], out[index]]
  return out
}

/** The request body: only the fields each type uses, blank accepted answers dropped. */
export function quizPayload(d: DraftQuiz) {
  return {
    passing_score: d.passing_score,
    time_limit_seconds: d.time_limit_seconds,
    attempts_limit: d.attempts_limit,
    shuffle: d.shuffle,
    show_explanations: d.show_explanations,
    required: d.required,
    questions: d.questions.map((q) => ({
      id: q.id,
      type: q.type,
      prompt: q.prompt,
      points: q.points,
      ...(q.type === "single_choice" || q.type === "multiple_choice" ? { options: q.options } : {}),
      ...(q.type === "short_answer"
        ? { accepted_answers: q.accepted_answers.map((a) => a.trim()).filter(Boolean), match: q.match }
        : { correct_option_ids: q.correct_option_ids }),
      explanation: q.explanation.trim() || null,
    })),
  }
}

/** A question as the server stores it (fields it may lack fall back to the editor's defaults). */
export type ServerQuestion = {
  id: string
  type: QuestionType
  prompt?: string | null
  points?: number | null
  options?: DraftOption[] | null
  correct_option_ids?: string[] | null
  accepted_answers?: string[] | null
  match?: DraftQuestion["match"] | null
  explanation?: string | null
}
/** The quiz as GET /admin/lessons/:id/quiz returns it. */
export type ServerQuiz = {
  passing_score?: number | null
  time_limit_seconds?: number | null
  attempts_limit?: number | null
  shuffle?: boolean | null
  show_explanations?: boolean | null
  required?: boolean | null
  questions?: ServerQuestion[] | null
}

/** Editor state from the server's quiz (or a fresh one). */
export function draftOf(quiz: ServerQuiz | null): DraftQuiz {
  return {
    passing_score: quiz?.passing_score ?? 70,
    time_limit_seconds: quiz?.time_limit_seconds ?? null,
    attempts_limit: quiz?.attempts_limit ?? null,
    shuffle: quiz?.shuffle ?? false,
    show_explanations: quiz?.show_explanations ?? true,
    required: quiz?.required ?? true,
    questions: (quiz?.questions ?? []).map((q) => ({
      id: q.id,
      type: q.type,
      prompt: q.prompt ?? "",
      points: q.points ?? 1,
      options: q.options ?? [],
      correct_option_ids: q.correct_option_ids ?? [],
      accepted_answers: q.accepted_answers ?? [],
      match: q.match ?? "exact",
      explanation: q.explanation ?? "",
    })),
  }
}
