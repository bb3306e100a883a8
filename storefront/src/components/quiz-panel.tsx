import type { QuizAttempt, QuizSummary } from "@/lib/assessments"

/**
 * The quiz of a lesson, server-rendered: start (a form), the attempt's questions (a form of
 * radios, checkboxes and text fields), the graded result with explanations. Grading is on
 * the server. The only script is /quiz-timer.js (under 1 KB), loaded on a lesson with a
 * running timed attempt: it counts down the `timer` and submits the form when time runs out.
 */
export function QuizPanel({
  handle,
  placement,
  summary,
  attempt,
}: {
  handle: string
  placement: string
  summary: QuizSummary
  attempt: QuizAttempt | null
}) {
  const left = summary.attempts_limit ? summary.attempts_limit - summary.attempts_used : null
  if (!attempt) {
    return (
      <section className="panel" aria-label="Quiz">
        <p>
          {summary.question_count} questions, {summary.max_points} points. Pass with {summary.passing_score} %.
          {summary.time_limit_seconds ? ` Time limit: ${Math.round(summary.time_limit_seconds / 60)} min.` : ""}
          {left !== null ? ` Attempts left: ${left}.` : ""}
        </p>
        {summary.passed ? (
          <p>
            <span className="badge brand">Passed ✓</span>
          </p>
        ) : null}
        <form method="post" action="/form/quiz-start">
          <input type="hidden" name="handle" value={handle} />
          <input type="hidden" name="placement" value={placement} />
          <button className="btn" type="submit" disabled={left === 0}>
            {summary.attempts_used ? "Try again" : "Start quiz"}
          </button>
        </form>
      </section>
    )
  }
  const graded = attempt.status !== "in_progress"
  const lesson = `/courses/${encodeURIComponent(handle)}/lessons/${encodeURIComponent(placement)}`
  return (
    <section aria-label="Quiz" className="quiz">
      <form method="post" action="/form/quiz-submit" id="quiz-form">
        <input type="hidden" name="handle" value={handle} />
        <input type="hidden" name="placement" value={placement} />
        <input type="hidden" name="attempt_id" value={attempt.id} />
        <input type="hidden" name="questions" value={attempt.questions.map((q) => q.id).join(",")} />
        <div className="spread">
          <strong>Attempt {attempt.number}</strong>
          {!graded && attempt.deadline_at ? <Timer deadline={attempt.deadline_at} /> : null}
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
              <input type="hidden" name={`kind:${q.id}`} value={q.type} />
              <fieldset disabled={graded} style={{ border: 0, padding: 0, margin: 0 }}>
                <legend>
                  <strong>{q.prompt}</strong> <span className="muted">({q.points} pt{q.points === 1 ? "" : "s"})</span>
                </legend>
                {q.type === "short_answer" ? (
                  <input name={`q:${q.id}`} aria-label={`Answer to: ${q.prompt}`} defaultValue={graded ? q.answer?.text ?? "" : ""} autoComplete="off" />
                ) : (
                  q.options.map((o) => (
                    <label key={o.id} style={{ display: "flex", gap: 8, alignItems: "center", minHeight: 32 }}>
                      <input
                        type={q.type === "multiple_choice" ? "checkbox" : "radio"}
                        name={`q:${q.id}`}
                        value={o.id}
                        defaultChecked={graded ? !!q.answer?.option_ids.includes(o.id) : false}
                      />
                      {o.text}
                      {graded && q.correct_option_ids?.includes(o.id) ? <span className="badge">correct answer</span> : null}
                    </label>
                  ))
                )}
              </fieldset>
              {graded ? (
                <p className="muted">
                  {q.correct ? "✓" : "✗"} {q.awarded} / {q.points}
                  {q.accepted_answers?.length ? ` — accepted: ${q.accepted_answers.join(", ")}` : ""}
                  {q.explanation ? (
                    <>
                      <br />
                      {q.explanation}
                    </>
                  ) : null}
                </p>
              ) : null}
            </li>
          ))}
        </ol>
        {graded ? (
          <a className="btn secondary" href={lesson}>
            Back to the quiz
          </a>
        ) : (
          <button className="btn" type="submit">
            Submit answers
          </button>
        )}
      </form>
    </section>
  )
}

/** The time left, as the server sees it at render; /quiz-timer.js counts it down. */
function Timer({ deadline }: { deadline: string }) {
  const s = Math.max(0, Math.ceil((new Date(deadline).getTime() - Date.now()) / 1000))
  return (
    <span className={`badge${s <= 30 ? " brand" : ""}`} role="timer" aria-live="off" aria-label="Time left" data-deadline={deadline}>
      {Math.floor(s / 60)}:{String(s % 60).padStart(2, "0")} left
    </span>
  )
}
