import Link from "@/components/link"
import { notFound } from "next/navigation"
import Markdown from "react-markdown"
import { markComplete } from "../../../../actions"
import { Outline, ProgressBar } from "@/components/outline"
import { TierBuy } from "@/components/tier-buy"
import { getCourse, getLesson, getUpgradeQuotes, lessonsInOrder, mediaUrl, tierName } from "@/lib/courses"
import { getAssignment, getQuiz } from "@/lib/assessments"
import { AssignmentPanel } from "@/components/assignment-panel"
import { LessonVideo, QuizPlayer } from "@/components/islands"

/** The variants of every tier that opens a lesson of `required` tier. */
const lockedTierVariants = (tiers: { tier: number; variants: { id: string }[] }[], required: number) =>
  tiers.filter((t) => t.tier >= required).flatMap((t) => t.variants.map((v) => v.id))

export default async function LessonPage({
  params,
  searchParams,
}: {
  params: Promise<{ handle: string; placement: string }>
  searchParams: Promise<{ error?: string; submitted?: string }>
}) {
  const { handle, placement } = await params
  const query = await searchParams
  const course = await getCourse(handle)
  if (!course) notFound()
  const order = lessonsInOrder(course)
  const index = order.findIndex((l) => l.id === placement)
  if (index < 0) notFound()
  const here = order[index]
  const prev = order.slice(0, index).reverse().find((l) => !l.locked)
  const next = order.slice(index + 1).find((l) => !l.locked)
  const result = await getLesson(handle, placement)
  const enrolled = course.access.tier > 0 && result.ok
  const quiz = enrolled && result.lesson.type === "quiz" ? await getQuiz(handle, placement) : null
  const assignment = enrolled && result.lesson.type === "assignment" ? await getAssignment(handle, placement) : null
  // A student of a lower tier: what each higher tier costs after the credit for what they paid.
  const upgradeQuotes =
    !result.ok && result.code === "tier_required" && (result.current_tier ?? 0) > 0 ? await getUpgradeQuotes(result.unlock_variant_ids ?? []) : undefined
  // Quizzes and assignments complete by passing them, not by a button.
  const assessed = result.ok && (result.lesson.type === "quiz" || result.lesson.type === "assignment")
  return (
    <div className="player" style={{ display: "grid", gap: 24, gridTemplateColumns: "minmax(0, 1fr)" }}>
      <div className="spread">
        <Link href={`/courses/${course.handle}`}>← {course.title}</Link>
        {course.access.tier > 0 ? (
          <div style={{ minWidth: 220 }}>
            <ProgressBar percent={course.access.progress_percent} />
          </div>
        ) : null}
      </div>
      {/* The lesson comes first in the document and the grid fixes both places up front, so
          nothing moves as a long outline streams in (bench P5 CLS); globals.css .player-body. */}
      <div className="player-body">
        <article>
          <h1>{here.title}</h1>
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
              ) : mediaUrl(result.lesson.video?.url) ? (
                <LessonVideo src={mediaUrl(result.lesson.video?.url)!} />
              ) : null}
              {result.lesson.body ? (
                <div className="lesson-body">
                  {/* The lesson title is the page's only h1: body headings move one level down. */}
                  <Markdown components={{ h1: "h2", h2: "h3", h3: "h4" }}>{result.lesson.body}</Markdown>
                </div>
              ) : null}
              {result.lesson.attachments?.length ? (
                <ul>
                  {result.lesson.attachments.map((a) => (
                    <li key={a.url}>
                      <a href={mediaUrl(a.url)!}>{a.name || "Download"}</a>
                    </li>
                  ))}
                </ul>
              ) : null}
              {quiz?.quiz ? <QuizPlayer handle={course.handle} placement={placement} summary={quiz.quiz} /> : null}
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
                  <form action={markComplete}>
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
              <TierBuy tiers={course.tiers} currentTier={result.current_tier ?? 0} only={result.unlock_variant_ids} quotes={upgradeQuotes} />
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
