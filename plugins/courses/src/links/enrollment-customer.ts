import { defineLink } from "@medusajs/framework/utils"
import CustomerModule from "@medusajs/medusa/customer"
import CourseModule from "../modules/course"

// Read-only: an enrollment's customer, for query.graph.
export default defineLink(
  { linkable: CourseModule.linkable.enrollment.id, field: "customer_id" },
  CustomerModule.linkable.customer,
  { readOnly: true }
)
