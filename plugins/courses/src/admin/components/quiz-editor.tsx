import { Button, Checkbox, Heading, IconButton, Input, Label, Select, Switch, Text, Textarea } from "@medusajs/ui"
import { ArrowDownMini, ArrowUpMini, Trash } from "@medusajs/icons"
import { useQuery } from "@tanstack/react-query"
import { useEffect, useState } from "react"
import {
  DraftQuestion,
  DraftQuiz,
  draftOf,
  moveQuestion,
  newQuestion,
  nextId,
  QUESTION_TYPE_LABELS,
  type ServerQuiz,
  QuestionType,
  removeOption,
  toggleCorrect,
} from "../lib/quiz-draft"
import { sdk } from "../lib/sdk"

export const quizKey = (lessonId: string) => ["volmify", "lesson-quiz", lessonId] as const
const numberOrNull = (v: string) => (v.trim() === "" ? null : Number(v))

function QuestionCard({
  q,
  index,
  onChange,
  onMove,
  onRemove,
}: {
  q: DraftQuestion
  index: number
  onChange: (q: DraftQuestion) => void
  onMove: (delta: -1 | 1) => void
  onRemove: () => void
}) {
  const options = q.type === "true_false" ? [{ id: "true", text: "True" }, { id: "false", text: "False" }] : q.options
  return (
    <div className="flex flex-col gap-2 rounded-md border border-ui-border-base p-3" data-question={q.id}>
      <div className="flex items-center justify-between gap-2">
        <Text size="small" weight="plus">
          {index + 1}. {QUESTION_TYPE_LABELS[q.type]}
        </Text>
        <div className="flex items-center gap-1">
          <Label htmlFor={`${q.id}-points`} className="txt-compact-small">Points</Label>
          <Input id={`${q.id}-points`} size="small" type="number" min={1} className="w-16" value={q.points} onChange={(e) => onChange({ ...q, points: Number(e.target.value) })} />
          <IconButton size="small" variant="transparent" aria-label="Move up" onClick={() => onMove(-1)}><ArrowUpMini /></IconButton>
          <IconButton size="small" variant="transparent" aria-label="Move down" onClick={() => onMove(1)}><ArrowDownMini /></IconButton>
          <IconButton size="small" variant="transparent" aria-label={`Delete question ${index + 1}`} onClick={onRemove}><Trash /></IconButton>
        </div>
      </div>
      <Textarea aria-label={`Question ${index + 1}`} rows={2} placeholder="Question" value={q.prompt} onChange={(e) => onChange({ ...q, prompt: e.target.value })} />
      {q.type === "short_answer" ? (
        <div className="flex flex-col gap-1">
          <Label htmlFor={`${q.id}-accepted`}>Accepted answers (one per line)</Label>
          <Textarea id={`${q.id}-accepted`} rows={2} value={q.accepted_answers.join("\n")} onChange={(e) => onChange({ ...q, accepted_answers: e.target.value.split("\n") })} />
          <div className="flex items-center gap-2">
            <Switch id={`${q.id}-ci`} checked={q.match === "case_insensitive"} onCheckedChange={(v) => onChange({ ...q, match: v ? "case_insensitive" : "exact" })} />
            <Label htmlFor={`${q.id}-ci`}>Ignore letter case</Label>
          </div>
        </div>
      ) : (
        <div className="flex flex-col gap-1">
          <Text size="xsmall" className="text-ui-fg-muted">Tick the right answer{q.type === "multiple_choice" ? "s" : ""}.</Text>
          {options.map((o) => (
            <div key={o.id} className="flex items-center gap-2">
              <Checkbox aria-label={`Right answer: ${o.text || o.id}`} checked={q.correct_option_ids.includes(o.id)} onCheckedChange={() => onChange(toggleCorrect(q, o.id))} />
              {q.type === "true_false" ? (
                <Text size="small">{o.text}</Text>
              ) : (
                <>
                  <Input
                    size="small"
                    aria-label={`Option ${o.id}`}
                    value={o.text}
                    onChange={(e) => onChange({ ...q, options: q.options.map((x) => (x.id === o.id ? { ...x, text: e.target.value } : x)) })}
                  />
                  <IconButton size="small" variant="transparent" aria-label={`Remove option ${o.id}`} onClick={() => onChange(removeOption(q, o.id))}><Trash /></IconButton>
                </>
              )}
            </div>
          ))}
          {q.type !== "true_false" && (
            <Button size="small" variant="transparent" className="self-start" onClick={() => onChange({ ...q, options: [...q.options, { id: nextId("a", q.options.map((o) => o.id)), text: "" }] })}>
              Add option
            </Button>
          )}
        </div>
      )}
      <Textarea aria-label={`Explanation ${index + 1}`} rows={2} placeholder="Explanation shown after submission (optional)" value={q.explanation} onChange={(e) => onChange({ ...q, explanation: e.target.value })} />
    </div>
  )
}

export type QuizDraftState = { draft: DraftQuiz; exists: boolean }

/**
 * The quiz of a quiz lesson: settings and questions with their answers. It has no save
 * button of its own: the drawer's one "Save lesson" saves the quiz (as a whole) with the
 * lesson, so the editor reports its draft through `onDraftChange`.
 */
export function QuizEditor({ lessonId, onDraftChange }: { lessonId: string; onDraftChange: (state: QuizDraftState | null) => void }) {
  const { data, isLoading } = useQuery({ queryKey: quizKey(lessonId), queryFn: () => sdk.client.fetch<{ quiz: ServerQuiz | null }>(`/admin/lessons/${lessonId}/quiz`) })
  const [draft, setDraft] = useState<DraftQuiz>(draftOf(null))
  const [adding, setAdding] = useState<QuestionType>("single_choice")
  useEffect(() => {
    if (data) setDraft(draftOf(data.quiz))
  }, [data])
  useEffect(() => {
    onDraftChange(data ? { draft, exists: !!data.quiz } : null)
    // onDraftChange is the parent's state setter (stable): report on draft and data changes only.
  }, [draft, data])
  useEffect(() => () => onDraftChange(null), [])
  if (isLoading) return <Text size="small">Loading the quiz…</Text>
  const set = (patch: Partial<DraftQuiz>) => setDraft((d) => ({ ...d, ...patch }))
  const setQuestion = (i: number, q: DraftQuestion) => set({ questions: draft.questions.map((x, j) => (j === i ? q : x)) })
  return (
    <section className="flex flex-col gap-3 border-t border-ui-border-base pt-4" aria-label="Quiz">
      <Heading level="h3">Quiz</Heading>
      <div className="grid grid-cols-3 gap-3">
        <div className="flex flex-col gap-1">
          <Label htmlFor="quiz-pass">Passing score (%)</Label>
          <Input id="quiz-pass" type="number" min={0} max={100} value={draft.passing_score} onChange={(e) => set({ passing_score: Number(e.target.value) })} />
        </div>
        <div className="flex flex-col gap-1">
          <Label htmlFor="quiz-time">Time limit (minutes)</Label>
          <Input
            id="quiz-time"
            type="number"
            min={1}
            placeholder="none"
            value={draft.time_limit_seconds === null ? "" : draft.time_limit_seconds / 60}
            onChange={(e) => {
              const m = numberOrNull(e.target.value)
              set({ time_limit_seconds: m === null ? null : Math.round(m * 60) })
            }}
          />
        </div>
        <div className="flex flex-col gap-1">
          <Label htmlFor="quiz-attempts">Attempts</Label>
          <Input id="quiz-attempts" type="number" min={1} placeholder="unlimited" value={draft.attempts_limit ?? ""} onChange={(e) => set({ attempts_limit: numberOrNull(e.target.value) })} />
        </div>
      </div>
      <div className="flex flex-wrap gap-4">
        {([
          ["required", "Must be passed to complete the lesson"],
          ["shuffle", "Shuffle questions"],
          ["show_explanations", "Show answers and explanations after submission"],
        ] as const).map(([key, label]) => (
          <div key={key} className="flex items-center gap-2">
            <Switch id={`quiz-${key}`} checked={draft[key]} onCheckedChange={(v) => set({ [key]: v } as Partial<DraftQuiz>)} />
            <Label htmlFor={`quiz-${key}`}>{label}</Label>
          </div>
        ))}
      </div>
      {draft.questions.map((q, i) => (
        <QuestionCard
          key={q.id}
          q={q}
          index={i}
          onChange={(next) => setQuestion(i, next)}
          onMove={(delta) => set({ questions: moveQuestion(draft.questions, i, delta) })}
          onRemove={() => set({ questions: draft.questions.filter((_, j) => j !== i) })}
        />
      ))}
      <div className="flex items-center gap-2">
        <Select value={adding} onValueChange={(v) => setAdding(v as QuestionType)}>
          <Select.Trigger aria-label="Question type" className="w-48"><Select.Value /></Select.Trigger>
          <Select.Content>
            {(Object.keys(QUESTION_TYPE_LABELS) as QuestionType[]).map((t) => (
              <Select.Item key={t} value={t}>{QUESTION_TYPE_LABELS[t]}</Select.Item>
            ))}
          </Select.Content>
        </Select>
        <Button size="small" variant="secondary" onClick={() => set({ questions: [...draft.questions, newQuestion(adding, draft.questions)] })}>
          Add question
        </Button>
      </div>
      <Text size="xsmall" className="text-ui-fg-muted">The quiz is saved with the lesson ("Save lesson" below).</Text>
    </section>
  )
}
