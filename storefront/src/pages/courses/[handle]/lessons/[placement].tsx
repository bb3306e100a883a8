import type { GetServerSideProps } from "next"
import Head from "next/head"
import Markdown from "react-markdown"
import Link from "@/components/link"
import { Outline, ProgressBar } from "@/components/outline"
import { TierBuy } from "@/components/tier-buy"
import { AssignmentPanel } from "@/components/assignment-panel"
import { QuizPanel } from "@/components/quiz-panel"
import { PagesNotFound } from "@/components/pages-not-found"
import { FormError } from "@/components/form-error"
import { lessonsInOrder } from "@/lib/course-view"
import { tierName } from "@/lib/tiers"
import { getCourse, getLesson, getUpgradeQuotes, mediaUrl, type Course, type LessonResult, type UpgradeQuote } from "@/lib/courses"
import { getAssignment, getQuiz, getQuizAttempt, type QuizAttempt, type QuizSummary, type Submission } from "@/lib/assessments"
import { queryValue, shellPageProps, type ShellProps } from "@/lib/pages-props"

/**
 * The lesson page, on the Pages Router with no framework JavaScript (issue 30). Text,
 * outline, prices and the complete / buy / upgrade buttons are HTML and plain forms
 * (`/form/<name>`); a quiz is forms too (components/quiz-panel.tsx). The only scripts are a
 * lesson's own: /lesson-video.js on a video lesson (a message in place of a video that
 * cannot load) and /quiz-timer.js while a timed quiz attempt runs.
 */
// `runtime` is the default, named so that the object fits Next's PagesPageConfig type, which
// leaves out `unstable_runtimeJS` (next/dist/server/render.js still honours it).
export const config = { runtime: "nodejs", unstable_runtimeJS: false }

type LessonPageData = {
  course: Course
  placement: string
  result: LessonResult
  videoUrl: string | null
  attachments: { name: string; url: string }[]
  quiz: { summary: QuizSummary; attempt: QuizAttempt | null } | null
  assignment: { submissions: Submission[]; passed: boolean; pending: boolean } | null
  upgradeQuotes: UpgradeQuote[] | null
  query: { error?: string; submitted?: string; form_error?: string }
}

/** The variants of every tier that opens a lesson of `required` tier. */
const lockedTierVariants = (tiers: { tier: number; variants: { id: string }[] }[], required: number) =>
  tiers.filter((t) => t.tier >= required).flatMap((t) => t.variants.map((v) => v.id))

export const getServerSideProps: GetServerSideProps = async (ctx) => {
  const handle = queryValue(ctx.params?.handle) ?? ""
  const placement = queryValue(ctx.params?.placement) ?? ""
  const q = (name: string) => queryValue(ctx.query[name])
  return shellPageProps<LessonPageData>(ctx, async () => {
    const course = await getCourse(handle)
    if (!course || !lessonsInOrder(course).some((l) => l.id === placement)) return null
    const result = await getLesson(handle, placement)
    const enrolled = course.access.tier > 0 && result.ok
    const type = result.ok ? result.lesson.type : null
    const attemptId = q("attempt")
    const [quiz, attempt, assignment, upgradeQuotes] = await Promise.all([
      enrolled && type === "quiz" ? getQuiz(handle, placement) : null,
      enrolled && type === "quiz" && attemptId ? getQuizAttempt(handle, placement, attemptId) : null,
      enrolled && type === "assignment" ? getAssignment(handle, placement) : null,
      // A student of a lower tier: what each higher tier costs after the credit for what they paid.
      !result.ok && result.code === "tier_required" && (result.current_tier ?? 0) > 0 ? getUpgradeQuotes(result.unlock_variant_ids ?? []) : null,
    ])
    return {
      course,
      placement,
      result,
      videoUrl: result.ok && !result.lesson.video?.embed_url ? mediaUrl(result.lesson.video?.url) : null,
      attachments: result.ok ? (result.lesson.attachments ?? []).map((a) => ({ name: a.name || "Download", url: mediaUrl(a.url) ?? a.url })) : [],
      quiz: quiz?.quiz ? { summary: quiz.quiz, attempt } : null,
      assignment,
      upgradeQuotes: upgradeQuotes ? [...upgradeQuotes.values()] : null,
      query: { error: q("error"), submitted: q("submitted"), form_error: q("form_error") },
    }
  })
}

export default function LessonPage(props: ShellProps & { page: LessonPageData | null }) {
  const org = "shell" in props ? props.shell.org.name : ""
  if (!props.page) {
    return <PagesNotFound org={org} />
  }
  const { course, placement, result, videoUrl, attachments, quiz, assignment, upgradeQuotes, query } = props.page
  const order = lessonsInOrder(course)
  const index = order.findIndex((l) => l.id === placement)
  const here = order[index]
  const prev = order.slice(0, index).reverse().find((l) => !l.locked)
  const next = order.slice(index + 1).find((l) => !l.locked)
  // Quizzes and assignments complete by passing them, not by a button.
  const assessed = result.ok && (result.lesson.type === "quiz" || result.lesson.type === "assignment")
  const timedAttempt = quiz?.attempt?.status === "in_progress" && !!quiz.attempt.deadline_at
  return (
    <div className="player" style={{ display: "grid", gap: 24, gridTemplateColumns: "minmax(0, 1fr)" }}>
      <Head>
        <title>{`${here.title} · ${course.title} · ${org}`}</title>
      </Head>
      <div className="spread">
        <Link href={`/courses/${course.handle}`}>← {course.title}</Link>
        {course.access.tier > 0 ? (
          <div style={{ minWidth: 220 }}>
            <ProgressBar percent={course.access.progress_percent} />
          </div>
        ) : null}
      </div>
      {/* The lesson comes first in the document and the grid fixes both places up front, so
          nothing moves as a long outline comes in (bench P5 CLS); globals.css .player-body. */}
      <div className="player-body">
        <article>
          <h1>{here.title}</h1>
          <FormError message={query.form_error} />
          {result.ok ? (
            <>
              {result.lesson.video?.embed_url ? (
                <iframe
                  src={result.lesson.video.embed_url}
                  title={here.title}
                  allow="autoplay; fullscreen; picture-in-picture; encrypted-media"
                  allowFullScreen
                  referrerPolicy="strict-origin-when-cross-origin"
                  style={{ width: "100%", aspectRatio: "16 / 9", border: 0, background: "#000", borderRadius: 10 }}
                />
              ) : videoUrl ? (
                <>
                  <video
                    data-lesson-video=""
                    src={videoUrl}
                    controls
                    preload="metadata"
                    style={{ width: "100%", aspectRatio: "16 / 9", background: "#000", borderRadius: 10 }}
                  />
                  <div id="video-error" className="panel warn video-error" role="alert" hidden>
                    <strong>This video could not be loaded.</strong> Reload the page to try again; if it still does not play, tell the school
                    (the address at the bottom of the page).
                  </div>
                  <script src="/lesson-video.js" defer />
                </>
              ) : null}
              {result.lesson.body ? (
                <div className="lesson-body">
                  {/* The lesson title is the page's only h1: body headings move one level down. */}
                  <Markdown components={{ h1: "h2", h2: "h3", h3: "h4" }}>{result.lesson.body}</Markdown>
                </div>
              ) : null}
              {attachments.length ? (
                <ul>
                  {attachments.map((a) => (
                    <li key={a.url}>
                      <a href={a.url}>{a.name}</a>
                    </li>
                  ))}
                </ul>
              ) : null}
              {quiz ? (
                <>
                  <QuizPanel handle={course.handle} placement={placement} summary={quiz.summary} attempt={quiz.attempt} />
                  {timedAttempt ? <script src="/quiz-timer.js" defer /> : null}
                </>
              ) : null}
              {assignment ? (
                <AssignmentPanel handle={course.handle} placement={placement} data={assignment} error={query.error} submitted={!!query.submitted} />
              ) : null}
              {here.is_preview && course.access.tier === 0 && course.tiers.length ? (
                // A free preview sells the course: the tiers with their prices right under it.
                <div className="panel" role="region" aria-label="Get the course">
                  <p>
                    <strong>This is a free preview.</strong> Get the course to open every lesson.
                  </p>
                  <TierBuy tiers={course.tiers} currentTier={0} />
                </div>
              ) : null}
              {course.access.tier > 0 ? (
                here.completed ? (
                  <p>
                    <span className="badge brand">Completed ✓</span>
                  </p>
                ) : assessed ? null : (
                  <form method="post" action="/form/complete-lesson">
                    <input type="hidden" name="handle" value={course.handle} />
                    <input type="hidden" name="placement" value={placement} />
                    <input type="hidden" name="next" value={next?.id ?? ""} />
                    <button className="btn" type="submit">
                      {next ? "Complete and continue" : "Mark complete"}
                    </button>
                  </form>
                )
              ) : null}
            </>
          ) : result.status === 401 ? (
            // A visitor who is not logged in: this lesson opens with a tier of the course.
            <div className="panel warn" role="status" aria-label="Upgrade">
              <p>
                <strong>This lesson is part of {tierName(course.tiers, Math.max(here.required_tier, 1))}.</strong> Buy it to unlock this
                lesson.
              </p>
              <TierBuy tiers={course.tiers} currentTier={0} only={lockedTierVariants(course.tiers, here.required_tier)} />
              <p className="muted">
                Already bought it? <Link href={`/account/login?next=/courses/${course.handle}/lessons/${placement}`}>Log in</Link>
              </p>
            </div>
          ) : result.code === "tier_required" ? (
            <div className="panel warn" role="status" aria-label="Upgrade">
              <p>
                <strong>This lesson is part of {tierName(course.tiers, result.required_tier ?? here.required_tier)}.</strong> You have{" "}
                {result.current_tier ? tierName(course.tiers, result.current_tier) : "no tier of this course yet"}.
              </p>
              <TierBuy tiers={course.tiers} currentTier={result.current_tier ?? 0} only={result.unlock_variant_ids} quotes={upgradeQuotes ?? undefined} />
            </div>
          ) : result.code === "drip_locked" ? (
            <div className="panel" role="status" aria-label="Not yet available">
              <strong>Available on {result.available_at ? new Date(result.available_at).toLocaleDateString() : "a later date"}.</strong>{" "}
              Lessons of this course open step by step.
            </div>
          ) : (
            <div className="panel warn" role="status">
              {result.message}
            </div>
          )}
          <nav className="spread" aria-label="Lesson navigation" style={{ marginTop: 24 }}>
            {prev ? <Link href={`/courses/${course.handle}/lessons/${prev.id}`}>← {prev.title}</Link> : <span />}
            {next ? <Link href={`/courses/${course.handle}/lessons/${next.id}`}>{next.title} →</Link> : <span />}
          </nav>
        </article>
        <aside>
          <Outline course={course} current={placement} />
        </aside>
      </div>
    </div>
  )
}
