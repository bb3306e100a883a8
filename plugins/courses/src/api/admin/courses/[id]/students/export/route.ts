import { once } from "node:events"
import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { csvLine } from "../../../../../../rules/csv"
import { courseInScope } from "../../../../../utils/admin-courses"
import { describeStudents, filteredStudents, STUDENT_CSV_HEADER, studentCsvRow } from "../../../../../utils/course-students"
import type { AdminCourseStudentsExport } from "../../../../../validators"

/** Students described per batch: a few queries per 500 students, written as they are ready. */
const BATCH = 500

/**
 * GET /admin/courses/:id/students/export (same filters as the list, no paging): the list as
 * CSV (UTF-8 with BOM for spreadsheets), streamed batch by batch. Same access as the list.
 */
export async function GET(req: AuthenticatedMedusaRequest<unknown, AdminCourseStudentsExport>, res: MedusaResponse) {
  const { course } = await courseInScope(req, req.params.id)
  const students = await filteredStudents(req, course, req.validatedQuery)
  const day = new Date().toISOString().slice(0, 10)
  res.status(200)
  res.setHeader("Content-Type", "text/csv; charset=utf-8")
  res.setHeader("Content-Disposition", `attachment; filename="students-${course.handle}-${day}.csv"`)
  res.setHeader("Cache-Control", "no-store")
  const write = async (chunk: string) => {
    if (!res.write(chunk)) await once(res, "drain")
  }
  await write("\uFEFF" + csvLine(STUDENT_CSV_HEADER))
  for (let i = 0; i < students.length; i += BATCH) {
    const described = await describeStudents(req, course, students.slice(i, i + BATCH))
    await write(described.map((s) => csvLine(studentCsvRow(s))).join(""))
  }
  res.end()
}
