import { defineLink } from "@medusajs/framework/utils"
import ProductModule from "@medusajs/medusa/product"
import CourseModule from "../modules/course"

// Read-only and one way (course -> product): a product does not expose its course, so
// core product routes with `fields=` cannot reach lessons.
export default defineLink({ linkable: CourseModule.linkable.course.id, field: "product_id" }, ProductModule.linkable.product, {
  readOnly: true,
})
