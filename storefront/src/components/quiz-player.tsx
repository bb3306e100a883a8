"use client"

import { useEffect, useMemo, useState, useTransition } from "react"
import { useRouter } from "next/navigation"
import { startQuizAttempt, submitQuizAttempt } from "@/app/actions"

type Option = { id: string; text: string }
type Question = {
  id: string
  type: "single_choice" | "multiple_choice" | "true_false" | "short_answer"
  prompt: string
  points: number
  options: Option[]
  awarded?: number
  correct?: boolean
  answer?: { option_ids: string[]; text: string | null } | null
  correct_option_ids?: string[]
  accepted_answers?: string[]
  explanation?: string | null
}
type Attempt = {
  id: string
  number: number
  status: "in_progress" | "submitted" | "expired"
  deadline_at: string | null
  score_points: number | null
  score_percent: number | null
  max_points: number
  passing_score: number
  passed: boolean | null
  questions: Question[]
}
type Summary = { passing_score: number; time_limit_seconds: number | null; attempts_limit: number | null; attempts_used: number; passed: boolean; question_count: number; max_points: number }

function Countdown({ deadline, onExpire }: { deadline: string; onExpire: () => void }) {
  const end = useMemo(() => new Date(deadline).getTime(), [deadline])
  const [left, setLeft] = useState(() => Math.max(0, end - Date.now()))
  useEffect(() => {
    const t = setInterval(() => {
      const l = Math.max(0, end - Date.now())
      setLeft(l)
      if (l === 0) {
        clearInterval(t)
        onExpire()
      }
    }, 500)
    return () => clearInterval(t)
  }, [end, onExpire])
  const s = Math.ceil(left / 1000)
  return (
    <span className={`badge${s <= 30 ? " brand" : ""}`} role="timer" aria-live="off" aria-label="Time left">
      {Math.floor(s / 60)}:{String(s % 60).padStart(2, "0")} left
    </span>
  )
}

/** Quiz player: start, answer, submit (graded on the server), see the result and explanations. */
export function QuizPlayer({ handle, placement, summary }: { handle: string; placement: string; summary: Summary }) {
  const router = useRouter()
  const [attempt, setAttempt] = useState<Attempt | null>(null)
  const [answers, setAnswers] = useState<Record<string, { option_ids: string[]; text: string }>>({})
  const [error, setError] = useState<string | null>(null)
  const [pending, startTransition] = useTransition()
  const left = summary.attempts_limit ? summary.attempts_limit - summary.attempts_used : null

  const start = () =>
    startTransition(async () => {
      setError(null)
      const res = await startQuizAttempt(handle, placement)
      if (!res.ok) return setError(res.message)
      setAttempt(res.attempt)
      setAnswers({})
    })
  const submit = () =>
    startTransition(async () => {
      if (!attempt) return
      const payload = attempt.questions.map((q) =>
        q.type === "short_answer"
          ? { question_id: q.id, text: answers[q.id]?.text ?? "" }
          : { question_id: q.id, option_ids: answers[q.id]?.option_ids ?? [] }
      )
      const res = await submitQuizAttempt(handle, placement, attempt.id, payload)
      if (!res.ok) return setError(res.message)
      setAttempt(res.attempt)
      router.refresh()
    })
  const choose = (q: Question, optionId: string, checked: boolean) =>
    setAnswers((a) => {
      const current = a[q.id]?.option_ids ?? []
      const option_ids = q.type === "multiple_choice" ? (checked ? [...current, optionId] : current.filter((id) => id !== optionId)) : [optionId]
      return { ...a, [q.id]: { option_ids, text: "" } }
    })

  if (!attempt) {
    return (
      <section className="panel" aria-label="Quiz">
        <p>
          {summary.question_count} questions, {summary.max_points} points. Pass with {summary.passing_score} %.
          {summary.time_limit_seconds ? ` Time limit: ${Math.round(summary.time_limit_seconds / 60)} min.` : ""}
          {left !== null ? ` Attempts left: ${left}.` : ""}
        </p>
        {summary.passed ? <p><span className="badge brand">Passed ✓</span></p> : null}
        {error ? <p role="alert">{error}</p> : null}
        <button className="btn" type="button" onClick={start} disabled={pending || left === 0}>
          {summary.attempts_used ? "Try again" : "Start quiz"}
        </button>
      </section>
    )
  }

  const graded = attempt.status !== "in_progress"
  return (
    <section aria-label="Quiz" className="quiz">
      <div className="spread">
        <strong>Attempt {attempt.number}</strong>
        {!graded && attempt.deadline_at ? <Countdown deadline={attempt.deadline_at} onExpire={submit} /> : null}
      </div>
      {graded ? (
        <div className={`panel${attempt.passed ? "" : " warn"}`} role="status" aria-label="Quiz result">
          <strong>
            {attempt.status === "expired" ? "Time ran out. " : ""}
            {attempt.passed ? "Passed" : "Not passed"}: {attempt.score_points} / {attempt.max_points} points ({attempt.score_percent} %)
          </strong>{" "}
          — {attempt.passing_score} % needed.
        </div>
      ) : null}
      <ol style={{ display: "grid", gap: 16, paddingLeft: 20 }}>
        {attempt.questions.map((q) => (
          <li key={q.id} data-question={q.id}>
            <fieldset disabled={graded || pending} style={{ border: 0, padding: 0, margin: 0 }}>
              <legend>
                <strong>{q.prompt}</strong> <span className="muted">({q.points} pt{q.points === 1 ? "" : "s"})</span>
              </legend>
              {q.type === "short_answer" ? (
                <input
                  aria-label={`Answer to: ${q.prompt}`}
                  value={graded ? q.answer?.text ?? "" : answers[q.id]?.text ?? ""}
                  onChange={(e) => setAnswers((a) => ({ ...a, [q.id]: { option_ids: [], text: e.target.value } }))}
                />
              ) : (
                q.options.map((o) => {
                  const picked = graded ? q.answer?.option_ids.includes(o.id) : answers[q.id]?.option_ids.includes(o.id)
                  return (
                    <label key={o.id} style={{ display: "flex", gap: 8, alignItems: "center", minHeight: 32 }}>
                      <input
                        type={q.type === "multiple_choice" ? "checkbox" : "radio"}
                        name={`${attempt.id}-${q.id}`}
                        checked={!!picked}
                        onChange={(e) => choose(q, o.id, e.target.checked)}
                      />
                      {o.text}
                      {graded && q.correct_option_ids?.includes(o.id) ? <span className="badge">correct answer</span> : null}
                    </label>
                  )
                })
              )}
            </fieldset>
            {graded ? (
              <p className="muted">
                {q.correct ? "✓" : "✗"} {q.awarded} / {q.points}
                {q.accepted_answers?.length ? ` — accepted: ${q.accepted_answers.join(", ")}` : ""}
                {q.explanation ? <><br />{q.explanation}</> : null}
              </p>
            ) : null}
          </li>
        ))}
      </ol>
      {error ? <p role="alert">{error}</p> : null}
      {graded ? (
        <button className="btn secondary" type="button" onClick={() => { setAttempt(null); router.refresh() }}>
          Back to the quiz
        </button>
      ) : (
        <button className="btn" type="button" onClick={submit} disabled={pending}>
          Submit answers
        </button>
      )}
    </section>
  )
}
