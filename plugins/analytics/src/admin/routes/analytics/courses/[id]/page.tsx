import { Heading, Text } from "@medusajs/ui"
import { useState } from "react"
import { Link, useParams } from "react-router-dom"
import { Bars } from "../../../../components/charts"
import { DataTable, Empty, PeriodPicker, Section, Stat } from "../../../../components/parts"
import { errorText, useCourseFigures } from "../../../../lib/api"
import { lastDays, percent, type PeriodChoice } from "../../../../lib/period"

/** One course: enrollment and completion, completions and drop-off per lesson (outline order), quiz pass rates. */
const CourseAnalyticsPage = () => {
  const { id = "" } = useParams()
  const [period, setPeriod] = useState<PeriodChoice>({ preset: "30", ...lastDays(30) })
  const { data, isLoading, error } = useCourseFigures(id, { from: period.from, to: period.to })
  return (
    <div className="flex flex-col gap-3" data-testid="course-analytics">
      <div className="flex flex-wrap items-end justify-between gap-3 px-1">
        <div>
          <Heading level="h1">{data ? data.course.title : "Course analytics"}</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            <Link className="text-ui-fg-interactive" to="/analytics">Analytics</Link>
            {" · "}
            <Link className="text-ui-fg-interactive" to={`/courses/${id}`}>Course builder</Link>
          </Text>
        </div>
        <PeriodPicker value={period} onChange={setPeriod} />
      </div>
      {error ? (
        <Section title="Course analytics">
          <Text className="px-6 py-4 text-ui-fg-error" role="alert">{errorText(error, "Could not load the course's figures")}</Text>
        </Section>
      ) : isLoading || !data ? (
        <Section title="Course analytics">
          <Text className="px-6 py-4">Loading…</Text>
        </Section>
      ) : (
        <>
          <Section title="Students" testId="course-students">
            <div className="grid grid-cols-2 gap-3 px-6 py-4 md:grid-cols-5">
              <Stat label="Enrolled" value={String(data.enrolled)} hint="as of the period's end" />
              <Stat label="Enrolled in period" value={String(data.enrolled_in_period)} />
              <Stat label="Completed" value={String(data.completed)} />
              <Stat label="Completed in period" value={String(data.completed_in_period)} />
              <Stat label="Completion rate" value={percent(data.completion_rate)} />
            </div>
          </Section>
          <Section title="Lessons" subtitle="Drop-off: students not done with the course whose last completed lesson is this one" testId="course-lessons">
            {data.lessons.length > 0 && data.enrolled > 0 && (
              <Bars
                data={data.lessons.map((l, i) => ({ lesson: `${i + 1}. ${l.title}`, completions: l.completions_to_date, drop_off: l.drop_off }))}
                x="lesson"
                series={[
                  { key: "completions", label: "Completions to date" },
                  { key: "drop_off", label: "Stopped here" },
                ]}
                label="Completions and drop-off per lesson"
                height={300}
              />
            )}
            {data.lessons.length > 0 && data.enrolled === 0 && <Empty>No student enrolled yet: drop-off shows once students start this course.</Empty>}
            <DataTable
              name="lessons"
              rows={data.lessons}
              empty={
                <>
                  This course has no lessons yet. Add them in the <Link className="text-ui-fg-interactive" to={`/courses/${id}`}>course builder</Link>.
                </>
              }
              columns={[
                { header: "Lesson", value: (l) => l.title },
                { header: "Type", value: (l) => l.type },
                { header: "Completions in period", value: (l) => l.completions },
                { header: "Completions to date", value: (l) => l.completions_to_date },
                { header: "Stopped here", value: (l) => l.drop_off },
              ]}
            />
          </Section>
          <Section title="Quizzes" subtitle="Submitted attempts in the period" testId="course-quizzes">
            <DataTable
              name="quizzes"
              rows={data.quizzes}
              empty="No quiz attempts in this period. Add a quiz lesson in the course builder to measure what students retain."
              columns={[
                { header: "Quiz", value: (q) => q.title ?? q.lesson_id },
                { header: "Attempts", value: (q) => q.attempts },
                { header: "Passed", value: (q) => q.passed },
                { header: "Students", value: (q) => q.students },
                { header: "Students passed", value: (q) => q.students_passed },
                { header: "Pass rate", value: (q) => percent(q.pass_rate) },
              ]}
            />
          </Section>
        </>
      )}
    </div>
  )
}

export default CourseAnalyticsPage
