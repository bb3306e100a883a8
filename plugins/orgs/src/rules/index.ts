/**
 * The public rules of @volmify/orgs (`import ... from "@volmify/orgs/rules"`, typed):
 * the role matrix and the staff permissions built on it.
 */
export * from "./roles"
export * from "./staff-permissions"
export * from "./webhooks"
