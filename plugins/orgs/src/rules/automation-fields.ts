/** Merge fields an automation email may use (`{{first_name}}` etc.); shared with the admin page. */
export const MERGE_FIELDS = ["first_name", "last_name", "email", "org_name", "storefront_link", "course_link", "course_title", "product_title"] as const
