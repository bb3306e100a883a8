import { authenticate, defineMiddlewares, validateAndTransformBody, validateAndTransformQuery } from "@medusajs/framework/http"
import { clientIp, envLimit, rateLimitBy } from "@volmify/orgs/security"
import {
  AdminCreateCourseSchema,
  AdminCreateLessonSchema,
  AdminListQuerySchema,
  AdminOutlineSchema,
  AdminUnpublishCourseSchema,
  AdminUpdateCourseSchema,
  AdminUpdateLessonSchema,
  StoreListCoursesSchema,
  StoreProgressSchema,
  StoreFreeEnrollmentSchema,
  AdminSaveQuizSchema,
  AdminListSubmissionsSchema,
  AdminReviewSubmissionSchema,
  AdminCertificateSettingsSchema,
  AdminOrgQuerySchema,
  StoreSubmitQuizSchema,
  StoreSubmitAssignmentSchema,
  AdminUploadLessonFileSchema,
  AdminCourseStudentsSchema,
  AdminCourseStudentsExportSchema,
  AdminListCertificatesSchema,
  AdminRevokeCertificateSchema,
  AdminInstructorSchema,
  AdminInstructorListQuerySchema,
} from "./validators"
import { singleVideoUpload } from "./utils/video-upload"

// Our admin routes check tenancy themselves (utils/admin-courses.ts): let org staff reach them.
const { allowSelfGuardedAdminRoutes } = require("@volmify/orgs/api/admin-scope/gate") as {
  allowSelfGuardedAdminRoutes(pattern: RegExp): void
}
allowSelfGuardedAdminRoutes(/^\/admin\/(courses|lessons|lesson-media|assignment-submissions|certificate-settings|certificates|instructors)(\/|$)/)
allowSelfGuardedAdminRoutes(/^\/admin\/customers\/[^/]+\/enrollments$/)

const customerOptional = authenticate("customer", ["session", "bearer"], { allowUnauthenticated: true })

// Free enrollments (each creates a customer record, a cart and an order) per client IP
// (X-Forwarded-For only from VOLMIFY_TRUSTED_PROXIES).
const freeEnrollmentLimit = rateLimitBy(
  () => ({ keyPrefix: "free-enrollment", points: envLimit("VOLMIFY_FREE_ENROLLMENTS_PER_MINUTE", 10), durationSeconds: 60, blockSeconds: 60 }),
  (req) => clientIp(req),
  "free enrollments from this address"
)

export default defineMiddlewares({
  routes: [
    // Courses of the caller's org (platform operators: all, or ?org_id=).
    { matcher: "/admin/courses", methods: ["GET"], middlewares: [validateAndTransformQuery(AdminListQuerySchema, {})] },
    // A draft course for a product of the org (catalog roles).
    { matcher: "/admin/courses", methods: ["POST"], middlewares: [validateAndTransformBody(AdminCreateCourseSchema)] },
    // Edit course fields (catalog roles).
    { matcher: "/admin/courses/:id", methods: ["POST"], middlewares: [validateAndTransformBody(AdminUpdateCourseSchema)] },
    // Back to draft or archived.
    { matcher: "/admin/courses/:id/unpublish", methods: ["POST"], middlewares: [validateAndTransformBody(AdminUnpublishCourseSchema)] },
    // The whole outline in one transaction.
    { matcher: "/admin/courses/:id/outline", methods: ["POST"], middlewares: [validateAndTransformBody(AdminOutlineSchema)] },
    // The org's staff with their instructor profiles (any role; operators ?org_id=).
    { matcher: "/admin/instructors", methods: ["GET"], middlewares: [validateAndTransformQuery(AdminInstructorListQuerySchema, {})] },
    // An employee's public instructor profile (catalog roles; creators their own).
    { matcher: "/admin/instructors/:employee_id", methods: ["POST"], middlewares: [validateAndTransformBody(AdminInstructorSchema)] },
    // The org's lesson library.
    { matcher: "/admin/lessons", methods: ["GET"], middlewares: [validateAndTransformQuery(AdminListQuerySchema, {})] },
    { matcher: "/admin/lessons", methods: ["POST"], middlewares: [validateAndTransformBody(AdminCreateLessonSchema)] },
    { matcher: "/admin/lessons/:id", methods: ["POST"], middlewares: [validateAndTransformBody(AdminUpdateLessonSchema)] },
    // Lesson files (video, attachments) go to the file module as private files; base64 JSON.
    {
      matcher: "/admin/lesson-media",
      methods: ["POST"],
      bodyParser: { sizeLimit: "70mb" },
      middlewares: [validateAndTransformBody(AdminUploadLessonFileSchema)],
    },
    // A lesson video (multipart `file`), checked and stored privately.
    { matcher: "/admin/lesson-media/video", methods: ["POST"], bodyParser: false, middlewares: [singleVideoUpload()] },
    // A course's students (filters, pages) and the same list as CSV (any staff role of its org).
    { matcher: "/admin/courses/:id/students", methods: ["GET"], middlewares: [validateAndTransformQuery(AdminCourseStudentsSchema, {})] },
    {
      matcher: "/admin/courses/:id/students/export",
      methods: ["GET"],
      middlewares: [validateAndTransformQuery(AdminCourseStudentsExportSchema, {})],
    },
    // Issued certificates of the org (any staff role) and revoking one (catalog roles).
    { matcher: "/admin/certificates", methods: ["GET"], middlewares: [validateAndTransformQuery(AdminListCertificatesSchema, {})] },
    { matcher: "/admin/certificates/:id/revoke", methods: ["POST"], middlewares: [validateAndTransformBody(AdminRevokeCertificateSchema)] },
    // Store: published courses of the key's org; a customer login is optional (it unlocks).
    { matcher: "/store/courses", methods: ["GET"], middlewares: [customerOptional, validateAndTransformQuery(StoreListCoursesSchema, {})] },
    { matcher: "/store/courses/:id_or_handle", methods: ["GET"], middlewares: [customerOptional] },
    { matcher: "/store/courses/:id_or_handle/lessons/:placement_id", methods: ["GET"], middlewares: [customerOptional] },
    // Free course / lead magnet: a logged-in customer, or an email on a lead magnet; rate-limited.
    {
      matcher: "/store/courses/:id_or_handle/free-enrollment",
      methods: ["POST"],
      middlewares: [freeEnrollmentLimit, customerOptional, validateAndTransformBody(StoreFreeEnrollmentSchema)],
    },
    // Progress needs a customer login (401 otherwise, from the route, in gate order).
    {
      matcher: "/store/courses/:id_or_handle/lessons/:placement_id/progress",
      methods: ["POST"],
      middlewares: [customerOptional, validateAndTransformBody(StoreProgressSchema)],
    },
    { matcher: "/store/customers/me/enrollments", methods: ["GET"], middlewares: [authenticate("customer", ["session", "bearer"])] },
    // Quizzes: the quiz with its key, saved whole (catalog roles).
    { matcher: "/admin/lessons/:id/quiz", methods: ["POST"], middlewares: [validateAndTransformBody(AdminSaveQuizSchema)] },
    // Assignment review queue of the org and pass/fail with feedback (any staff role).
    { matcher: "/admin/assignment-submissions", methods: ["GET"], middlewares: [validateAndTransformQuery(AdminListSubmissionsSchema, {})] },
    { matcher: "/admin/assignment-submissions/:id/review", methods: ["POST"], middlewares: [validateAndTransformBody(AdminReviewSubmissionSchema)] },
    // The org's certificate template.
    { matcher: "/admin/certificate-settings", methods: ["GET"], middlewares: [validateAndTransformQuery(AdminOrgQuerySchema, {})] },
    { matcher: "/admin/certificate-settings", methods: ["POST"], middlewares: [validateAndTransformBody(AdminCertificateSettingsSchema)] },
    // Store assessments go through the lesson gate (routes), then need a login and an enrollment.
    { matcher: "/store/courses/:id_or_handle/lessons/:placement_id/quiz*", methods: ["GET"], middlewares: [customerOptional] },
    { matcher: "/store/courses/:id_or_handle/lessons/:placement_id/quiz/attempts", methods: ["POST"], middlewares: [customerOptional] },
    {
      matcher: "/store/courses/:id_or_handle/lessons/:placement_id/quiz/attempts/:attempt_id/submit",
      methods: ["POST"],
      middlewares: [customerOptional, validateAndTransformBody(StoreSubmitQuizSchema)],
    },
    { matcher: "/store/courses/:id_or_handle/lessons/:placement_id/assignment", methods: ["GET"], middlewares: [customerOptional] },
    {
      matcher: "/store/courses/:id_or_handle/lessons/:placement_id/assignment/submissions",
      methods: ["POST"],
      // A 5 MB file is ~6.7 MB of base64.
      bodyParser: { sizeLimit: "8mb" },
      middlewares: [customerOptional, validateAndTransformBody(StoreSubmitAssignmentSchema)],
    },
    // Certificates: the customer's own (login), and public verification by code (key only).
    { matcher: "/store/customers/me/certificates*", methods: ["GET"], middlewares: [authenticate("customer", ["session", "bearer"])] },
  ],
})
