import type CourseModuleService from "../../modules/course/service"

export type LessonUse = { placement_id: string; course_id: string; course_title: string; module_title: string; section_title: string }

/** Where lessons are placed: course > module > section, per lesson id (three queries). */
export async function lessonUsage(service: CourseModuleService, lessonIds: string[]): Promise<Map<string, LessonUse[]>> {
  const usage = new Map<string, LessonUse[]>(lessonIds.map((id) => [id, []]))
  if (!lessonIds.length) return usage
  const placements = await service.listSectionLessons({ lesson_id: lessonIds }, { select: ["id", "lesson_id", "course_id", "section_id"] })
  if (!placements.length) return usage
  const [sections, list] = await Promise.all([
    service.listCourseSections({ id: [...new Set(placements.map((p) => p.section_id))] }, { select: ["id", "title", "module_id"], relations: ["module"] }),
    service.listCourses({ id: [...new Set(placements.map((p) => p.course_id))] }, { select: ["id", "title"] }),
  ])
  const sectionById = new Map(sections.map((s) => [s.id, s]))
  const courseById = new Map(list.map((c) => [c.id, c]))
  for (const p of placements) {
    const section = sectionById.get(p.section_id)
    usage.get(p.lesson_id)!.push({
      placement_id: p.id,
      course_id: p.course_id,
      course_title: courseById.get(p.course_id)?.title ?? "",
      module_title: section?.module?.title ?? "",
      section_title: section?.title ?? "",
    })
  }
  return usage
}
