import { authenticate, defineMiddlewares, validateAndTransformBody, validateAndTransformQuery } from "@medusajs/framework/http"
import { claimOrgScopedRoutes } from "@volmify/orgs/tenancy"
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
  AdminSetTranslationsSchema,
  AdminTranslationsQuerySchema,
  AdminMissingTranslationsQuerySchema,
} from "./validators"
import { CATALOG_ROLES, STAFF_ROLES, requireOrgScope } from "./utils/tenancy"
import { singleVideoUpload } from "./utils/video-upload"

// Admin routes of this plugin: requireOrgScope (from @volmify/orgs) claims each one for
// org staff (reads and assignment reviews: every role; catalog writes: catalog roles).
// The route then checks the course, lesson or customer belongs to the staff's org.
const staff = requireOrgScope(STAFF_ROLES)
const catalog = requireOrgScope(CATALOG_ROLES)

const customerOptional = authenticate("customer", ["session", "bearer"], { allowUnauthenticated: true })

// Free enrollments (each creates a customer record, a cart and an order) per client IP
// (X-Forwarded-For only from VOLMIFY_TRUSTED_PROXIES).
const freeEnrollmentLimit = rateLimitBy(
  () => ({ keyPrefix: "free-enrollment", points: envLimit("VOLMIFY_FREE_ENROLLMENTS_PER_MINUTE", 10), durationSeconds: 60, blockSeconds: 60 }),
  (req) => clientIp(req),
  "free enrollments from this address"
)

// claimOrgScopedRoutes records which matchers and methods attach requireOrgScope, for the gate.
export default claimOrgScopedRoutes(defineMiddlewares({
  routes: [
    { matcher: "/admin/courses/:id", methods: ["GET"], middlewares: [staff] },
    { matcher: "/admin/courses/:id", methods: ["DELETE"], middlewares: [catalog] },
    { matcher: "/admin/courses/:id/publish", methods: ["POST"], middlewares: [catalog] },
    { matcher: "/admin/courses/:id/outline", methods: ["GET"], middlewares: [staff] },
    { matcher: "/admin/assignment-submissions/:id", methods: ["GET"], middlewares: [staff] },
    { matcher: "/admin/customers/:id/enrollments", methods: ["GET"], middlewares: [staff] },
    { matcher: "/admin/lessons/:id", methods: ["GET"], middlewares: [staff] },
    { matcher: "/admin/lessons/:id", methods: ["DELETE"], middlewares: [catalog] },
    { matcher: "/admin/lessons/:id/quiz", methods: ["GET"], middlewares: [staff] },
    // Courses of the caller's org (platform operators: all, or ?org_id=).
    { matcher: "/admin/courses", methods: ["GET"], middlewares: [staff, validateAndTransformQuery(AdminListQuerySchema, {})] },
    // A draft course for a product of the org (catalog roles).
    { matcher: "/admin/courses", methods: ["POST"], middlewares: [catalog, validateAndTransformBody(AdminCreateCourseSchema)] },
    // Edit course fields (catalog roles).
    { matcher: "/admin/courses/:id", methods: ["POST"], middlewares: [catalog, validateAndTransformBody(AdminUpdateCourseSchema)] },
    // Translations of the course's texts per enabled locale (issue 26): list, set/remove, what is missing.
    { matcher: "/admin/courses/:id/translations", methods: ["GET"], middlewares: [staff, validateAndTransformQuery(AdminTranslationsQuerySchema, {})] },
    { matcher: "/admin/courses/:id/translations", methods: ["POST"], middlewares: [catalog, validateAndTransformBody(AdminSetTranslationsSchema)] },
    {
      matcher: "/admin/courses/:id/translations/missing",
      methods: ["GET"],
      middlewares: [staff, validateAndTransformQuery(AdminMissingTranslationsQuerySchema, {})],
    },
    // Back to draft or archived.
    { matcher: "/admin/courses/:id/unpublish", methods: ["POST"], middlewares: [catalog, validateAndTransformBody(AdminUnpublishCourseSchema)] },
    // The whole outline in one transaction.
    { matcher: "/admin/courses/:id/outline", methods: ["POST"], middlewares: [catalog, validateAndTransformBody(AdminOutlineSchema)] },
    // The org's staff with their instructor profiles (any role; operators ?org_id=).
    { matcher: "/admin/instructors", methods: ["GET"], middlewares: [staff, validateAndTransformQuery(AdminInstructorListQuerySchema, {})] },
    // An employee's public instructor profile (catalog roles; creators their own).
    { matcher: "/admin/instructors/:employee_id", methods: ["POST"], middlewares: [catalog, validateAndTransformBody(AdminInstructorSchema)] },
    // The org's lesson library.
    { matcher: "/admin/lessons", methods: ["GET"], middlewares: [staff, validateAndTransformQuery(AdminListQuerySchema, {})] },
    { matcher: "/admin/lessons", methods: ["POST"], middlewares: [catalog, validateAndTransformBody(AdminCreateLessonSchema)] },
    { matcher: "/admin/lessons/:id", methods: ["POST"], middlewares: [catalog, validateAndTransformBody(AdminUpdateLessonSchema)] },
    // Lesson files (video, attachments) go to the file module as private files; base64 JSON.
    {
      matcher: "/admin/lesson-media",
      methods: ["POST"],
      bodyParser: { sizeLimit: "70mb" },
      middlewares: [catalog, validateAndTransformBody(AdminUploadLessonFileSchema)],
    },
    // A lesson video (multipart `file`), checked and stored privately.
    { matcher: "/admin/lesson-media/video", methods: ["POST"], bodyParser: false, middlewares: [catalog, singleVideoUpload()] },
    // A course's students (filters, pages) and the same list as CSV (any staff role of its org).
    { matcher: "/admin/courses/:id/students", methods: ["GET"], middlewares: [staff, validateAndTransformQuery(AdminCourseStudentsSchema, {})] },
    {
      matcher: "/admin/courses/:id/students/export",
      methods: ["GET"],
      middlewares: [staff, validateAndTransformQuery(AdminCourseStudentsExportSchema, {})],
    },
    // Issued certificates of the org (any staff role) and revoking one (catalog roles).
    { matcher: "/admin/certificates", methods: ["GET"], middlewares: [staff, validateAndTransformQuery(AdminListCertificatesSchema, {})] },
    { matcher: "/admin/certificates/:id/revoke", methods: ["POST"], middlewares: [catalog, validateAndTransformBody(AdminRevokeCertificateSchema)] },
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
    { matcher: "/admin/lessons/:id/quiz", methods: ["POST"], middlewares: [catalog, validateAndTransformBody(AdminSaveQuizSchema)] },
    // Assignment review queue of the org and pass/fail with feedback (any staff role).
    { matcher: "/admin/assignment-submissions", methods: ["GET"], middlewares: [staff, validateAndTransformQuery(AdminListSubmissionsSchema, {})] },
    { matcher: "/admin/assignment-submissions/:id/review", methods: ["POST"], middlewares: [staff, validateAndTransformBody(AdminReviewSubmissionSchema)] },
    // The org's certificate template.
    { matcher: "/admin/certificate-settings", methods: ["GET"], middlewares: [staff, validateAndTransformQuery(AdminOrgQuerySchema, {})] },
    { matcher: "/admin/certificate-settings", methods: ["POST"], middlewares: [catalog, validateAndTransformBody(AdminCertificateSettingsSchema)] },
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
}))
