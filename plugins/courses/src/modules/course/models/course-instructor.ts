import { model } from "@medusajs/framework/utils"

/**
 * The public profile of an org employee who teaches: the name, photo and bio students see
 * on course pages. One per employee (`employee_id`, an `oemp_` id of @volmify/orgs) and
 * org; created from the employee's record the first time a course names them, then edited
 * on its own (`POST /admin/instructors/:employee_id`).
 */
export const CourseInstructor = model
  .define("course_instructor", {
    id: model.id({ prefix: "cins" }).primaryKey(),
    org_id: model.text(),
    employee_id: model.text(),
    name: model.text(),
    headline: model.text().nullable(),
    bio: model.text().nullable(),
    photo_url: model.text().nullable(),
  })
  .indexes([{ on: ["org_id", "employee_id"], unique: true, where: "deleted_at IS NULL" }])
