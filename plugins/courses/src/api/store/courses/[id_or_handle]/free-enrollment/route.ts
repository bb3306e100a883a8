import type { MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { EnrollmentConflict, enrollForFree } from "../../../../utils/free-enrollment"
import { findStoreCourse } from "../../../../utils/store-courses"
import type { StoreFreeEnrollment } from "../../../../validators"

/**
 * POST /store/courses/:id_or_handle/free-enrollment { region_id, email? }: enroll in a
 * free course through a zero-total order. A logged-in customer enrolls in any course with
 * a tier priced 0; anyone else only in a lead magnet, with an email that has no account
 * (rules/free-enrollment.ts). 201 with the order; 200 when already enrolled.
 */
export async function POST(req: MedusaStoreRequest<StoreFreeEnrollment>, res: MedusaResponse) {
  const course = await findStoreCourse(req, req.params.id_or_handle)
  let result
  try {
    result = await enrollForFree(req, course, req.validatedBody)
  } catch (error) {
    if (error instanceof EnrollmentConflict) {
      res.status(409).json({ type: "conflict", code: error.code, message: error.message })
      return
    }
    throw error
  }
  res.status(result.status === "enrolled" ? 201 : 200).json({ enrollment: result })
}
