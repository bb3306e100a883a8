/*
 * The overview's figures as functions of a knex connection (`@volmify/analytics/figures`):
 * what GET /admin/analytics/overview answers, for callers inside the app that time or
 * reuse them without HTTP (bench/analytics-volume.ts: P9 at 10x the orders).
 */
export { learningFigures, revenueFigures, salesFigures, type Interval, type OverviewInput } from "./overview"
export type { AnalyticsScope } from "./scope"
export { periods, type Knex, type Period } from "./sql"
