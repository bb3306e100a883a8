import type { Context, InferEntityForModuleService, InferTypeOf } from "@medusajs/framework/types"
import { InjectManager, InjectTransactionManager, MedusaContext, MedusaService } from "@medusajs/framework/utils"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { CoursesMediaOptions, MediaSetup, setUpMedia } from "../../media/config"
import type { LessonVideoSigner } from "../../media/playback"
import type { MediaUrlSigner } from "../../media/signer"
import type { OutlinePlan } from "../../rules/plan-outline"
import { prepareOutline, PreparedOutline } from "../../rules/build-outline"
import { Course } from "./models/course"
import { CourseModule } from "./models/course-module"
import { CourseSection } from "./models/course-section"
import { Enrollment } from "./models/enrollment"
import { Lesson } from "./models/lesson"
import { LessonProgress } from "./models/lesson-progress"
import { SectionLesson } from "./models/section-lesson"
import { LessonQuiz } from "./models/lesson-quiz"
import { QuizAttempt } from "./models/quiz-attempt"
import { AssignmentSubmission } from "./models/assignment-submission"
import { Certificate } from "./models/certificate"
import { CertificateSettings } from "./models/certificate-settings"
import { DripNotice } from "./models/drip-notice"
import { CourseInstructor } from "./models/course-instructor"
import { CourseTranslation, TRANSLATABLE_FIELDS, type TranslatableType } from "./models/course-translation"

type TranslatableField = (typeof TRANSLATABLE_FIELDS)[number]

/** Options of the @volmify/courses plugin (medusa-config.ts `plugins[].options`). */
export type CoursesPluginOptions = CoursesMediaOptions

/** A customer's enrollment in a course with the placements they completed. */
export type EnrollmentWithProgress = {
  id: string
  started_at: Date
  completed_at: Date | null
  status: string
  completed_placement_ids: string[]
}

/** An enrollment row as knex or row_to_json gives it (dates as Date or ISO strings). */
type RawEnrollmentRow = Omit<EnrollmentWithProgress, "started_at" | "completed_at" | "completed_placement_ids"> & {
  started_at: Date | string
  completed_at: Date | string | null
  completed_placement_ids?: string[] | null
}

/** An enrollment row read as JSON or by knex: dates as Date, like the ORM gives them. */
function enrollmentRow(row: RawEnrollmentRow | null | undefined): EnrollmentWithProgress | null {
  if (!row) return null
  return {
    ...row,
    started_at: new Date(row.started_at),
    completed_at: row.completed_at ? new Date(row.completed_at) : null,
    completed_placement_ids: (row.completed_placement_ids ?? []) as string[],
  }
}

const NODE_FIELDS = ["id", "title", "rank", "required_tier", "drip_days", "drip_date"]
export const OUTLINE_FIELDS = {
  modules: [...NODE_FIELDS, "course_id"],
  sections: [...NODE_FIELDS, "course_id", "module_id"],
  placements: ["id", "course_id", "section_id", "lesson_id", "rank", "required_tier", "is_preview", "drip_days", "drip_date"],
  /** Never the body or media: the outline shows titles only. */
  lessons: ["id", "title", "type", "duration_seconds"],
}

type CourseModuleRow = InferTypeOf<typeof CourseModule>
type CourseSectionRow = InferTypeOf<typeof CourseSection>
type SectionLessonRow = InferTypeOf<typeof SectionLesson>
type LessonRow = InferTypeOf<typeof Lesson>
type DripFields = "drip_days" | "drip_date"

/** The outline rows of a course as readOutlineRows reads them (the OUTLINE_FIELDS columns). */
export type OutlineRowsRead = {
  modules: Pick<CourseModuleRow, "id" | "title" | "rank" | "required_tier" | DripFields | "course_id">[]
  sections: Pick<CourseSectionRow, "id" | "title" | "rank" | "required_tier" | DripFields | "course_id" | "module_id">[]
  placements: Pick<SectionLessonRow, "id" | "course_id" | "section_id" | "lesson_id" | "rank" | "required_tier" | "is_preview" | DripFields>[]
  lessons: Pick<LessonRow, "id" | "title" | "type" | "duration_seconds">[]
}

export type OutlineSnapshot = Omit<OutlineRowsRead, "lessons">

/** The lesson placed at a placement, as findPublishedCourse reads it (row_to_json). */
export type PlacementLesson = Pick<
  LessonRow,
  "id" | "org_id" | "title" | "type" | "body" | "duration_seconds" | "video_provider" | "video_source" | "attachments"
>

/** An instructor's public profile, as findPublishedCourse reads it. */
export type InstructorProfile = { id: string; name: string; headline: string | null; bio: string | null; photo_url: string | null }

/** What findPublishedCourse adds to the course's columns (the extras only when asked for). */
export type PublishedCourseExtras = {
  outline_stamp: string
  caller_enrollment?: EnrollmentWithProgress | null
  placement_lesson?: PlacementLesson | null
  instructors?: InstructorProfile[]
}

/** What the generated create and update methods take for a data model. */
type ModelInput<M> = Partial<Omit<InferEntityForModuleService<M>, "created_at" | "updated_at" | "deleted_at">>
type ModuleInput = ModelInput<typeof CourseModule>
type SectionInput = ModelInput<typeof CourseSection>
type PlacementInput = ModelInput<typeof SectionLesson>

export default class CourseModuleService extends MedusaService({
  Course,
  CourseTranslation,
  CourseModule,
  CourseSection,
  SectionLesson,
  Lesson,
  Enrollment,
  LessonProgress,
  QuizDefinition: LessonQuiz,
  QuizAttempt,
  AssignmentSubmission,
  Certificate,
  CertificateSettings,
  DripNotice,
  CourseInstructor,
}) {
  readonly mediaSigner: MediaUrlSigner
  readonly videoSigner: LessonVideoSigner
  readonly media: Pick<MediaSetup, "delivery" | "privateFilesDir">

  constructor(container: Record<string, unknown>, options: CoursesPluginOptions = {}) {
    // eslint-disable-next-line prefer-rest-params
    super(...(arguments as unknown as [Record<string, unknown>]))
    const media = setUpMedia(options ?? {})
    this.mediaSigner = media.urlSigner
    this.videoSigner = media.videoSigner
    this.media = { delivery: media.delivery, privateFilesDir: media.privateFilesDir }
    if (media.secret.source === "generated" && process.env.NODE_ENV === "production") {
      ;(container.logger as { warn(m: string): void } | undefined)?.warn(
        "COURSE_MEDIA_SECRET is not set: signed lesson media links only work on the process that signed them"
      )
    }
  }

  /**
   * The outline rows of a course: one query per level (modules, sections, placements,
   * lessons), whatever the number of lessons. Lessons carry titles only.
   */
  async readOutlineRows(courseId: string): Promise<OutlineRowsRead> {
    const [modules, sections, placements] = await Promise.all([
      this.listCourseModules({ course_id: courseId }, { select: OUTLINE_FIELDS.modules }),
      this.listCourseSections({ course_id: courseId }, { select: OUTLINE_FIELDS.sections }),
      this.listSectionLessons({ course_id: courseId }, { select: OUTLINE_FIELDS.placements }),
    ])
    const lessonIds = [...new Set(placements.map((p) => p.lesson_id))]
    const lessons = lessonIds.length ? await this.listLessons({ id: lessonIds }, { select: OUTLINE_FIELDS.lessons }) : []
    return { modules, sections, placements, lessons }
  }

  /**
   * The published course `by` id or handle of org `orgId` (null when none), in one query
   * with its outline stamp: the course's outline version, which database triggers raise on
   * every write to its modules, sections, placements and placed lessons' outline fields,
   * whatever code path writes them. The store routes key the outline cache on it.
   * `Row`: the shape of the `fields` columns, which the caller names (knex rows are untyped).
   */
  @InjectManager()
  async findPublishedCourse<Row extends object = Record<string, unknown>>(
    orgId: string,
    by: { id: string } | { handle: string },
    fields: string[],
    also: { customer_id?: string | null; placement_id?: string | null; instructors?: boolean } = {},
    @MedusaContext() context: Context = {}
  ): Promise<(Row & PublishedCourseExtras) | null> {
    const knex = (context.manager as SqlEntityManager).getKnex()
    // Optional extras in the same round trip: the caller's enrollment (with completed
    // placements) and the lesson placed at `placement_id` in this course.
    const extras: ReturnType<typeof knex.raw>[] = []
    if (also.customer_id) {
      extras.push(
        knex.raw(
          `(select row_to_json(x) from (select e.id, e.started_at, e.completed_at, e.status,
             coalesce((select array_agg(lp.placement_id) from lesson_progress lp
               where lp.enrollment_id = e.id and lp.status = 'completed' and lp.deleted_at is null), '{}') as completed_placement_ids
             from enrollment e where e.customer_id = ? and e.course_id = c.id and e.deleted_at is null limit 1) x) as caller_enrollment`,
          [also.customer_id]
        )
      )
    }
    if (also.placement_id) {
      extras.push(
        knex.raw(
          `(select row_to_json(x) from (select l.id, l.org_id, l.title, l.type, l.body, l.duration_seconds, l.video_provider,
             l.video_source, l.attachments from section_lesson p join lesson l on l.id = p.lesson_id and l.deleted_at is null
             where p.id = ? and p.course_id = c.id and p.deleted_at is null limit 1) x) as placement_lesson`,
          [also.placement_id]
        )
      )
    }
    if (also.instructors) {
      // The course's instructors' public profiles in the order the course names them.
      extras.push(
        knex.raw(
          `coalesce((select json_agg(json_build_object('id', i.employee_id, 'name', i.name, 'headline', i.headline, 'bio', i.bio,
             'photo_url', i.photo_url) order by t.n)
             from jsonb_array_elements_text(coalesce(c.instructor_ids, '[]'::jsonb)) with ordinality as t(employee_id, n)
             join course_instructor i on i.employee_id = t.employee_id and i.org_id = c.org_id and i.deleted_at is null), '[]'::json) as instructors`
        )
      )
    }
    // Raised by triggers on every write to the course's outline (migration 20261122132600).
    const stamp = knex.raw(
      `coalesce((select v.version from course_outline_version v where v.course_id = c.id), 0)::text as outline_stamp`
    )
    const [row] = await knex("course as c")
      .select([...fields.map((f) => `c.${f}`), stamp, ...extras])
      .where({ "c.org_id": orgId, "c.status": "published", ...("id" in by ? { "c.id": by.id } : { "c.handle": by.handle }) })
      .whereNull("c.deleted_at")
      .limit(1)
    if (!row) return null
    if (also.customer_id) row.caller_enrollment = enrollmentRow(row.caller_enrollment)
    return row
  }

  /** Prepared (sorted, joined, tier-resolved) outlines by course id, with the stamp they were read at. */
  private preparedOutlines = new Map<string, { stamp: string; outline: PreparedOutline }>()
  private static readonly PREPARED_OUTLINE_LIMIT = 500

  /**
   * The caller-independent outline of a course, from the in-process cache when `stamp`
   * (from findPublishedCourse) still matches, else read and cached. The stamp is read
   * before the rows, so a write in between only causes one more read, never a stale hit.
   */
  async preparedOutline(courseId: string, stamp: string): Promise<PreparedOutline> {
    const hit = this.preparedOutlines.get(courseId)
    if (hit && hit.stamp === stamp) return hit.outline
    const outline = prepareOutline(await this.readOutlineRows(courseId))
    this.preparedOutlines.delete(courseId)
    this.preparedOutlines.set(courseId, { stamp, outline })
    if (this.preparedOutlines.size > CourseModuleService.PREPARED_OUTLINE_LIMIT) {
      // Map keeps insertion order: the first key is the least recently stored.
      this.preparedOutlines.delete(this.preparedOutlines.keys().next().value as string)
    }
    return outline
  }

  /** A customer's enrollment in a course with the placements they completed, in one query. */
  @InjectManager()
  async readEnrollmentWithProgress(
    customerId: string,
    courseId: string,
    @MedusaContext() context: Context = {}
  ): Promise<EnrollmentWithProgress | null> {
    const knex = (context.manager as SqlEntityManager).getKnex()
    const [row] = await knex("enrollment as e")
      .select(
        "e.id",
        "e.started_at",
        "e.completed_at",
        "e.status",
        knex.raw(
          `coalesce((select array_agg(lp.placement_id) from lesson_progress lp
            where lp.enrollment_id = e.id and lp.status = 'completed' and lp.deleted_at is null), '{}') as completed_placement_ids`
        )
      )
      .where({ "e.customer_id": customerId, "e.course_id": courseId })
      .whereNull("e.deleted_at")
      .limit(1)
    return enrollmentRow(row ?? null)
  }

  /**
   * Records that the customer opened a lesson of the course now: one update by the unique
   * (customer_id, course_id) index, per lesson open (human-paced). Re-arms the inactivity
   * trigger: an inactivity episode is keyed by this value.
   */
  @InjectTransactionManager()
  async touchEnrollmentActivity(customerId: string, courseId: string, @MedusaContext() context: Context = {}): Promise<void> {
    await (context.transactionManager as SqlEntityManager)
      .getKnex()("enrollment")
      .where({ customer_id: customerId, course_id: courseId })
      .whereNull("deleted_at")
      .update({ last_activity_at: new Date() })
  }

  /**
   * Sets (value) or removes (null) translations in one transaction: an existing row for
   * the same entity, locale and field is updated, so the unique key never collides.
   */
  @InjectTransactionManager()
  async setTranslations(
    orgId: string,
    locale: string,
    rows: { entity_type: string; entity_id: string; field: string; value: string | null }[],
    @MedusaContext() context: Context = {}
  ): Promise<{ set: number; removed: number }> {
    // The generated methods with the shared context: every write in this one transaction.
    const existing = await this.listCourseTranslations(
      { locale, entity_id: [...new Set(rows.map((r) => r.entity_id))] },
      { select: ["id", "entity_type", "entity_id", "field"], take: null },
      context
    )
    const idOf = new Map(existing.map((e) => [`${e.entity_type}:${e.entity_id}:${e.field}`, e.id]))
    const toCreate: { org_id: string; entity_type: TranslatableType; entity_id: string; locale: string; field: TranslatableField; value: string }[] = []
    const toUpdate: { id: string; value: string }[] = []
    const toRemove: string[] = []
    for (const r of rows) {
      const id = idOf.get(`${r.entity_type}:${r.entity_id}:${r.field}`)
      if (r.value === null || r.value.trim() === "") {
        if (id) toRemove.push(id)
      } else if (id) {
        toUpdate.push({ id, value: r.value })
      } else {
        toCreate.push({ org_id: orgId, entity_type: r.entity_type as TranslatableType, entity_id: r.entity_id, locale, field: r.field as TranslatableField, value: r.value })
      }
    }
    if (toCreate.length) await this.createCourseTranslations(toCreate, context)
    if (toUpdate.length) await this.updateCourseTranslations(toUpdate, context)
    if (toRemove.length) await this.softDeleteCourseTranslations(toRemove, {}, context)
    const set = toCreate.length + toUpdate.length
    const removed = toRemove.length
    return { set, removed }
  }

  /** Active (not cancelled) enrollments per course id: one grouped SQL count. */
  @InjectManager()
  async countEnrollmentsByCourse(courseIds: string[], @MedusaContext() context: Context = {}): Promise<Record<string, number>> {
    const out: Record<string, number> = Object.fromEntries(courseIds.map((id) => [id, 0]))
    if (!courseIds.length) return out
    const manager = context.manager as SqlEntityManager
    const rows: { course_id: string; n: string }[] = await manager
      .getKnex()("enrollment")
      .whereIn("course_id", courseIds)
      .whereNull("deleted_at")
      .whereNot("status", "cancelled")
      .groupBy("course_id")
      .select("course_id", manager.getKnex().raw("count(*)::text as n"))
    for (const r of rows) out[r.course_id] = Number(r.n)
    return out
  }

  /** Everything the outline of a course is now, for compensation. */
  async snapshotOutline(courseId: string): Promise<OutlineSnapshot> {
    const rows = await this.readOutlineRows(courseId)
    return { modules: rows.modules, sections: rows.sections, placements: rows.placements }
  }

  /** Applies a planned outline change in one transaction: all of it or nothing. */
  @InjectTransactionManager()
  async applyOutline(plan: OutlinePlan, @MedusaContext() sharedContext: Context = {}) {
    // Casts: the plan's drip dates may be ISO strings (workflow step data is serialized), which the ORM takes too.
    if (plan.modules.create.length) await this.createCourseModules(plan.modules.create as ModuleInput[], sharedContext)
    if (plan.sections.create.length) await this.createCourseSections(plan.sections.create as SectionInput[], sharedContext)
    if (plan.placements.create.length) await this.createSectionLessons(plan.placements.create as PlacementInput[], sharedContext)
    if (plan.modules.update.length) await this.updateCourseModules(plan.modules.update as ModuleInput[], sharedContext)
    if (plan.sections.update.length) await this.updateCourseSections(plan.sections.update as SectionInput[], sharedContext)
    if (plan.placements.update.length) await this.updateSectionLessons(plan.placements.update as PlacementInput[], sharedContext)
    // Removals last: moved children have left their removed parents by now.
    if (plan.placements.remove.length) await this.softDeleteSectionLessons(plan.placements.remove, {}, sharedContext)
    if (plan.sections.remove.length) await this.softDeleteCourseSections(plan.sections.remove, {}, sharedContext)
    if (plan.modules.remove.length) await this.softDeleteCourseModules(plan.modules.remove, {}, sharedContext)
  }

  /** Puts an outline back as `snapshot` recorded it (compensation of applyOutline). */
  @InjectTransactionManager()
  async restoreOutline(courseId: string, snapshot: OutlineSnapshot, @MedusaContext() sharedContext: Context = {}) {
    const ids = (rows: { id: string }[]) => rows.map((r) => r.id)
    if (snapshot.modules.length) await this.restoreCourseModules(ids(snapshot.modules), {}, sharedContext)
    if (snapshot.sections.length) await this.restoreCourseSections(ids(snapshot.sections), {}, sharedContext)
    if (snapshot.placements.length) await this.restoreSectionLessons(ids(snapshot.placements), {}, sharedContext)
    if (snapshot.modules.length) await this.updateCourseModules(snapshot.modules, sharedContext)
    if (snapshot.sections.length) await this.updateCourseSections(snapshot.sections, sharedContext)
    if (snapshot.placements.length) await this.updateSectionLessons(snapshot.placements, sharedContext)
    const keep = {
      modules: new Set(ids(snapshot.modules)),
      sections: new Set(ids(snapshot.sections)),
      placements: new Set(ids(snapshot.placements)),
    }
    const [modules, sections, placements] = await Promise.all([
      this.listCourseModules({ course_id: courseId }, { select: ["id"] }, sharedContext),
      this.listCourseSections({ course_id: courseId }, { select: ["id"] }, sharedContext),
      this.listSectionLessons({ course_id: courseId }, { select: ["id"] }, sharedContext),
    ])
    const added = (rows: { id: string }[], set: Set<string>) => rows.map((r) => r.id).filter((id) => !set.has(id))
    const newPlacements = added(placements, keep.placements)
    const newSections = added(sections, keep.sections)
    const newModules = added(modules, keep.modules)
    if (newPlacements.length) await this.deleteSectionLessons(newPlacements, sharedContext)
    if (newSections.length) await this.deleteCourseSections(newSections, sharedContext)
    if (newModules.length) await this.deleteCourseModules(newModules, sharedContext)
  }
}
