import { z } from "@medusajs/framework/zod"

/**
 * Response bodies of the plugins' admin routes, for the admin OpenAPI document. They give
 * each answer's envelope (its keys, records with their `id`, list paging, deletion answers)
 * and leave records open (`looseObject`): a record gains fields as its module grows, while
 * a renamed or missing envelope key is a break the openapi spec catches. Keyed by
 * "METHOD /path" in ADMIN_RESPONSES below (operations.ts may still name its own `response`).
 */
const rec = <T extends z.ZodRawShape>(shape?: T) => z.looseObject({ id: z.string(), ...(shape ?? ({} as T)) })
const any = z.looseObject({})
const page = { count: z.number().int().min(0), limit: z.number().int().min(0), offset: z.number().int().min(0) }

export const AdminDeletedResponseSchema = z.object({ id: z.string(), object: z.string(), deleted: z.literal(true) })

// --- @volmify/orgs
export const AdminOrgListResponseSchema = z.object({ orgs: z.array(rec({ handle: z.string(), status: z.string() })), ...page })
export const AdminOrgCreatedResponseSchema = z.object({
  org: rec({ handle: z.string() }),
  sales_channel: rec(),
  publishable_key: rec({ token: z.string() }),
  owner: rec({ role: z.string() }),
})
export const AdminOrgResponseSchema = z.object({ org: rec({ handle: z.string(), status: z.string() }) })
export const AdminActiveOrgResponseSchema = z.object({ active_org_id: z.string() })
export const AdminEmployeeResponseSchema = z.object({ employee: rec({ role: z.string() }) })
export const AdminEmployeeListResponseSchema = z.object({ employees: z.array(rec({ role: z.string() })) })
export const AdminMemberListResponseSchema = z.object({ members: z.array(rec()), ...page })
export const AdminInvitationResponseSchema = z.object({ invitation: rec({ status: z.string() }) })
export const AdminInvitationLookupResponseSchema = z.object({ invitation: z.looseObject({ status: z.string() }) })
export const AdminInvitationSentResponseSchema = z.object({ invitation: rec({ status: z.string() }), token: z.string().optional() })
export const AdminInvitationListResponseSchema = z.object({ invitations: z.array(rec({ status: z.string() })), ...page })
export const AdminDomainResponseSchema = z.object({ domain: rec({ hostname: z.string() }) })
export const AdminDomainListResponseSchema = z.object({ domains: z.array(rec({ hostname: z.string() })) })
export const AdminEmailSuppressionListResponseSchema = z.object({ suppressions: z.array(any), ...page })
export const AdminEmailSuppressionResponseSchema = z.object({ email: z.string(), reason: z.string().nullable().optional() })
export const AdminAutomationResponseSchema = z.object({ automation: rec() })
export const AdminAutomationListResponseSchema = z.object({
  automations: z.array(rec({ runs: z.record(z.string(), z.number()), missing_translations: z.record(z.string(), z.array(z.number())) })),
})
export const AdminAutomationPreviewResponseSchema = z.object({ preview: any })
export const AdminWebhookResponseSchema = z.object({ webhook: rec({ url: z.string() }) })
export const AdminWebhookCreatedResponseSchema = z.object({ webhook: rec({ url: z.string() }), secret: z.string() })
export const AdminWebhookListResponseSchema = z.object({ webhooks: z.array(rec({ url: z.string() })) })
export const AdminWebhookDeliveryListResponseSchema = z.object({ deliveries: z.array(rec()), ...page })
export const AdminWebhookDeliveryResponseSchema = z.object({ delivery: rec() })

// --- @volmify/access
export const AdminEntitlementResponseSchema = z.object({ entitlement: rec() })
export const AdminEntitlementListResponseSchema = z.object({ entitlements: z.array(rec()), ...page })
export const AdminOrderEntitlementsResponseSchema = z.object({
  entitlements: z.array(rec({ variant_title: z.string().nullable() })),
  digital_only: z.boolean(),
})
export const AdminAccessPlanResponseSchema = z.object({ access_plan: rec() })
export const AdminAccessPlanListResponseSchema = z.object({ access_plans: z.array(rec()) })
export const AdminSubscriptionResponseSchema = z.object({ subscription: rec() })
export const AdminSubscriptionListResponseSchema = z.object({ subscriptions: z.array(rec()), ...page })
export const AdminSubscriptionMetricsResponseSchema = z.object({
  metrics: z.looseObject({
    from: z.string(),
    to: z.string(),
    mrr: z.array(z.object({ currency_code: z.string(), amount: z.number().int() })),
    active_subscriptions: z.number().int().min(0),
    active_subscribers: z.number().int().min(0),
    churn: z.looseObject({ rate: z.string().nullable() }),
    trial_conversion: z.looseObject({ rate: z.string().nullable() }),
  }),
})
export const AdminSubscriptionRefundResponseSchema = z.object({ refund: any })

// --- @volmify/analytics
const period = z.object({ from: z.string(), to: z.string() })
export const AdminAnalyticsOverviewResponseSchema = z.looseObject({
  org_id: z.string().nullable(),
  view: z.enum(["org", "own"]),
  period,
  previous_period: period,
  revenue: any,
  sales: any,
  learning: any,
})
export const AdminAnalyticsCourseResponseSchema = z.looseObject({ period, lessons: z.array(any), quizzes: z.array(any) })
export const AdminAnalyticsPlatformResponseSchema = z.object({ period, orgs: z.array(any) })

// --- @volmify/courses
export const AdminCourseResponseSchema = z.object({ course: rec() })
export const AdminCourseListResponseSchema = z.object({ courses: z.array(rec({ enrollment_count: z.number().int() })), ...page })
export const AdminCourseOutlineResponseSchema = z.object({ modules: z.array(rec()) })
export const AdminCourseStudentListResponseSchema = z.object({ students: z.array(any), ...page })
export const AdminLessonResponseSchema = z.object({ lesson: rec() })
export const AdminLessonListResponseSchema = z.object({ lessons: z.array(rec({ used_in: z.array(z.unknown()) })), ...page })
export const AdminQuizResponseSchema = z.object({ quiz: rec().nullable() })
export const AdminLessonFileResponseSchema = z.object({
  file: z.object({ file_id: z.string(), name: z.string(), mime_type: z.string(), size: z.number().optional() }),
})
export const AdminSubmissionResponseSchema = z.object({ submission: rec() })
export const AdminSubmissionListResponseSchema = z.object({ submissions: z.array(rec()), ...page })
export const AdminCertificateSettingsResponseSchema = z.object({ certificate_settings: z.looseObject({ org_id: z.string() }) })
export const AdminCertificateResponseSchema = z.object({ certificate: rec() })
export const AdminCertificateListResponseSchema = z.object({ certificates: z.array(rec()), ...page })
export const AdminCourseTranslationListResponseSchema = z.object({
  default_locale: z.string(),
  locales: z.array(z.string()),
  translations: z.array(rec({ entity_type: z.string(), entity_id: z.string(), locale: z.string(), field: z.string(), value: z.string() })),
})
export const AdminCourseTranslationsSetResponseSchema = z.object({ locale: z.string(), set: z.number().int(), removed: z.number().int() })
export const AdminCourseMissingTranslationsResponseSchema = z.object({
  locale: z.string(),
  missing: z.array(z.object({ entity_type: z.string(), entity_id: z.string(), field: z.string(), source: z.string() })),
  count: z.number().int(),
  total: z.number().int(),
})
export const AdminEnrollmentListResponseSchema = z.object({ enrollments: z.array(rec()) })
export const AdminInstructorResponseSchema = z.object({ instructor: any })
export const AdminInstructorListResponseSchema = z.object({ instructors: z.array(z.looseObject({ name: z.string() })) })

// --- @volmify/attribution
export const AdminAttributionRuleResponseSchema = z.object({ attribution_rule: rec() })
export const AdminProductAttributionRulesResponseSchema = z.object({
  attribution_rules: z.array(rec({ in_effect: z.boolean() })),
  pool: z.object({ total_bps: z.number().int(), allocated_bps: z.number().int(), peak_bps: z.number().int() }),
  employees: z.array(z.looseObject({ id: z.string(), name: z.string() })),
})
export const AdminEarningsPayoutResponseSchema = z.object({ payout: z.unknown(), created: z.boolean() })
export const AdminEarningsProductsResponseSchema = z.object({ products: z.array(any), org_id: z.string().nullable() })
export const AdminEarningsStatementsResponseSchema = z.object({
  statements: z.array(any),
  org_id: z.string().nullable(),
  employee_id: z.string().nullable(),
  whole_org: z.boolean(),
})
export const AdminEarningsSummaryResponseSchema = z.object({ summary: z.unknown(), org_id: z.string().nullable() })
export const AdminReconciliationResponseSchema = z.object({ reconciliation: any })

// --- @volmify/affiliates
export const AdminAffiliateResponseSchema = z.object({ affiliate: rec() })
export const AdminAffiliateListResponseSchema = z.object({ affiliates: z.array(rec({ clicks: z.number().int() })) })
export const AdminAffiliateProgramResponseSchema = z.object({ program: any })
export const AdminAffiliateCouponResponseSchema = z.object({ coupon: any })
export const AdminAffiliateProductRateResponseSchema = z.object({ product_rate: rec() })
export const AdminAffiliatePayoutResponseSchema = z.object({
  payout: z.looseObject({ id: z.string().nullable(), amount: z.number(), currency_code: z.string() }),
})
export const AdminAffiliatePayoutListResponseSchema = z.object({ payouts: z.array(any) })
export const AdminCommissionResponseSchema = z.object({ commission: rec() })
export const AdminCommissionListResponseSchema = z.object({
  commissions: z.array(rec({ order_display_id: z.number().int().nullable() })),
  ...page,
})

/** "METHOD /path" of an admin route -> the export above that describes its JSON answer. */
// --- @volmify/pages: the plugin's own response schemas (its presenters follow them).
export {
  AdminPageListResponseSchema,
  AdminPageResponseSchema,
  AdminPageUnpublishedResponseSchema,
  AdminPageVersionListResponseSchema,
  AdminPageVersionResponseSchema,
} from "@volmify/pages/api/responses"

export const ADMIN_RESPONSES: Record<string, string> = {
  "GET /admin/pages": "AdminPageListResponseSchema",
  "POST /admin/pages": "AdminPageResponseSchema",
  "GET /admin/pages/{id}": "AdminPageResponseSchema",
  "POST /admin/pages/{id}": "AdminPageResponseSchema",
  "DELETE /admin/pages/{id}": "AdminDeletedResponseSchema",
  "POST /admin/pages/{id}/publish": "AdminPageVersionResponseSchema",
  "POST /admin/pages/{id}/unpublish": "AdminPageUnpublishedResponseSchema",
  "GET /admin/pages/{id}/versions": "AdminPageVersionListResponseSchema",
  "POST /admin/pages/{id}/versions/{version_id}/restore": "AdminPageVersionResponseSchema",
  "POST /admin/org-invitations/accept": "AdminEmployeeResponseSchema",
  "POST /admin/org-invitations/decline": "AdminInvitationResponseSchema",
  "GET /admin/org-invitations/lookup": "AdminInvitationLookupResponseSchema",
  "POST /admin/orgs/{id}/activate": "AdminActiveOrgResponseSchema",
  "POST /admin/orgs/{id}/automation-preview": "AdminAutomationPreviewResponseSchema",
  "GET /admin/orgs/{id}/automations/{automation_id}": "AdminAutomationResponseSchema",
  "POST /admin/orgs/{id}/automations/{automation_id}": "AdminAutomationResponseSchema",
  "DELETE /admin/orgs/{id}/automations/{automation_id}": "AdminDeletedResponseSchema",
  "GET /admin/orgs/{id}/automations": "AdminAutomationListResponseSchema",
  "POST /admin/orgs/{id}/automations": "AdminAutomationResponseSchema",
  "GET /admin/orgs/{id}/webhooks": "AdminWebhookListResponseSchema",
  "POST /admin/orgs/{id}/webhooks": "AdminWebhookCreatedResponseSchema",
  "GET /admin/orgs/{id}/webhooks/{webhook_id}": "AdminWebhookResponseSchema",
  "POST /admin/orgs/{id}/webhooks/{webhook_id}": "AdminWebhookResponseSchema",
  "DELETE /admin/orgs/{id}/webhooks/{webhook_id}": "AdminDeletedResponseSchema",
  "GET /admin/orgs/{id}/webhooks/{webhook_id}/deliveries": "AdminWebhookDeliveryListResponseSchema",
  "POST /admin/orgs/{id}/webhooks/{webhook_id}/deliveries/{delivery_id}/resend": "AdminWebhookDeliveryResponseSchema",
  "POST /admin/orgs/{id}/domains/{domain_id}": "AdminDomainResponseSchema",
  "DELETE /admin/orgs/{id}/domains/{domain_id}": "AdminDeletedResponseSchema",
  "POST /admin/orgs/{id}/domains/{domain_id}/verify": "AdminDomainResponseSchema",
  "GET /admin/orgs/{id}/domains": "AdminDomainListResponseSchema",
  "POST /admin/orgs/{id}/domains": "AdminDomainResponseSchema",
  "GET /admin/orgs/{id}/email-suppressions": "AdminEmailSuppressionListResponseSchema",
  "POST /admin/orgs/{id}/email-suppressions": "AdminEmailSuppressionResponseSchema",
  "POST /admin/orgs/{id}/employees/{employee_id}": "AdminEmployeeResponseSchema",
  "DELETE /admin/orgs/{id}/employees/{employee_id}": "AdminDeletedResponseSchema",
  "GET /admin/orgs/{id}/employees": "AdminEmployeeListResponseSchema",
  "POST /admin/orgs/{id}/invitations/{invitation_id}/approve": "AdminInvitationResponseSchema",
  "POST /admin/orgs/{id}/invitations/{invitation_id}/cancel": "AdminInvitationResponseSchema",
  "POST /admin/orgs/{id}/invitations/{invitation_id}/resend": "AdminInvitationSentResponseSchema",
  "GET /admin/orgs/{id}/invitations": "AdminInvitationListResponseSchema",
  "POST /admin/orgs/{id}/invitations": "AdminInvitationSentResponseSchema",
  "GET /admin/orgs/{id}/members": "AdminMemberListResponseSchema",
  "POST /admin/orgs/{id}/reactivate": "AdminOrgResponseSchema",
  "GET /admin/orgs/{id}": "AdminOrgResponseSchema",
  "POST /admin/orgs/{id}": "AdminOrgResponseSchema",
  "POST /admin/orgs/{id}/suspend": "AdminOrgResponseSchema",
  "GET /admin/orgs": "AdminOrgListResponseSchema",
  "POST /admin/orgs": "AdminOrgCreatedResponseSchema",
  "GET /admin/customers/{id}/entitlements": "AdminEntitlementListResponseSchema",
  "POST /admin/customers/{id}/entitlements": "AdminEntitlementResponseSchema",
  "POST /admin/entitlements/{id}/revoke": "AdminEntitlementResponseSchema",
  "GET /admin/orders/{id}/entitlements": "AdminOrderEntitlementsResponseSchema",
  "GET /admin/products/{id}/access-plans": "AdminAccessPlanListResponseSchema",
  "POST /admin/products/{id}/variants/{variant_id}/access-plan": "AdminAccessPlanResponseSchema",
  "DELETE /admin/products/{id}/variants/{variant_id}/access-plan": "AdminDeletedResponseSchema",
  "GET /admin/subscriptions": "AdminSubscriptionListResponseSchema",
  "GET /admin/subscriptions/{id}": "AdminSubscriptionResponseSchema",
  "POST /admin/subscriptions/{id}/cancel": "AdminSubscriptionResponseSchema",
  "GET /admin/subscriptions/metrics": "AdminSubscriptionMetricsResponseSchema",
  "POST /admin/subscriptions/{id}/renewals/{renewal_id}/refund": "AdminSubscriptionRefundResponseSchema",
  "GET /admin/analytics/overview": "AdminAnalyticsOverviewResponseSchema",
  "GET /admin/analytics/courses/{id}": "AdminAnalyticsCourseResponseSchema",
  "GET /admin/analytics/platform": "AdminAnalyticsPlatformResponseSchema",
  "POST /admin/assignment-submissions/{id}/review": "AdminSubmissionResponseSchema",
  "GET /admin/assignment-submissions/{id}": "AdminSubmissionResponseSchema",
  "GET /admin/assignment-submissions": "AdminSubmissionListResponseSchema",
  "GET /admin/certificate-settings": "AdminCertificateSettingsResponseSchema",
  "POST /admin/certificate-settings": "AdminCertificateSettingsResponseSchema",
  "POST /admin/certificates/{id}/revoke": "AdminCertificateResponseSchema",
  "GET /admin/certificates": "AdminCertificateListResponseSchema",
  "GET /admin/courses/{id}/outline": "AdminCourseOutlineResponseSchema",
  "POST /admin/courses/{id}/outline": "AdminCourseOutlineResponseSchema",
  "POST /admin/courses/{id}/publish": "AdminCourseResponseSchema",
  "GET /admin/courses/{id}": "AdminCourseResponseSchema",
  "POST /admin/courses/{id}": "AdminCourseResponseSchema",
  "DELETE /admin/courses/{id}": "AdminDeletedResponseSchema",
  "GET /admin/courses/{id}/students": "AdminCourseStudentListResponseSchema",
  "GET /admin/courses/{id}/translations": "AdminCourseTranslationListResponseSchema",
  "POST /admin/courses/{id}/translations": "AdminCourseTranslationsSetResponseSchema",
  "GET /admin/courses/{id}/translations/missing": "AdminCourseMissingTranslationsResponseSchema",
  "POST /admin/courses/{id}/unpublish": "AdminCourseResponseSchema",
  "GET /admin/courses": "AdminCourseListResponseSchema",
  "POST /admin/courses": "AdminCourseResponseSchema",
  "GET /admin/customers/{id}/enrollments": "AdminEnrollmentListResponseSchema",
  "POST /admin/instructors/{employee_id}": "AdminInstructorResponseSchema",
  "GET /admin/instructors": "AdminInstructorListResponseSchema",
  "POST /admin/lesson-media": "AdminLessonFileResponseSchema",
  "POST /admin/lesson-media/video": "AdminLessonFileResponseSchema",
  "GET /admin/lessons/{id}/quiz": "AdminQuizResponseSchema",
  "POST /admin/lessons/{id}/quiz": "AdminQuizResponseSchema",
  "GET /admin/lessons/{id}": "AdminLessonResponseSchema",
  "POST /admin/lessons/{id}": "AdminLessonResponseSchema",
  "DELETE /admin/lessons/{id}": "AdminDeletedResponseSchema",
  "GET /admin/lessons": "AdminLessonListResponseSchema",
  "POST /admin/lessons": "AdminLessonResponseSchema",
  "POST /admin/attribution-rules/{id}": "AdminAttributionRuleResponseSchema",
  "DELETE /admin/attribution-rules/{id}": "AdminDeletedResponseSchema",
  "POST /admin/earnings/payouts": "AdminEarningsPayoutResponseSchema",
  "GET /admin/earnings/products": "AdminEarningsProductsResponseSchema",
  "GET /admin/earnings/statements": "AdminEarningsStatementsResponseSchema",
  "GET /admin/earnings/summary": "AdminEarningsSummaryResponseSchema",
  "GET /admin/products/{id}/attribution-rules": "AdminProductAttributionRulesResponseSchema",
  "POST /admin/products/{id}/attribution-rules": "AdminAttributionRuleResponseSchema",
  "GET /admin/reconciliation": "AdminReconciliationResponseSchema",
  "POST /admin/affiliate-commissions/{id}/review": "AdminCommissionResponseSchema",
  "GET /admin/affiliate-commissions": "AdminCommissionListResponseSchema",
  "GET /admin/affiliate-payouts": "AdminAffiliatePayoutListResponseSchema",
  "GET /admin/affiliate-program": "AdminAffiliateProgramResponseSchema",
  "POST /admin/affiliate-program": "AdminAffiliateProgramResponseSchema",
  "POST /admin/affiliates/{id}/coupons": "AdminAffiliateCouponResponseSchema",
  "POST /admin/affiliates/{id}/payouts": "AdminAffiliatePayoutResponseSchema",
  "DELETE /admin/affiliates/{id}/product-rates/{rate_id}": "AdminDeletedResponseSchema",
  "POST /admin/affiliates/{id}/product-rates": "AdminAffiliateProductRateResponseSchema",
  "GET /admin/affiliates/{id}": "AdminAffiliateResponseSchema",
  "POST /admin/affiliates/{id}": "AdminAffiliateResponseSchema",
  "GET /admin/affiliates": "AdminAffiliateListResponseSchema",
}
