// The shapes of the rows this plugin reads with query.graph (the fields it selects): a
// plugin has no generated graph types, so Query returns its data untyped.

/** A customer as the students, submissions and certificate reads select it. */
export type CustomerRow = {
  id: string
  email: string | null
  first_name?: string | null
  last_name?: string | null
}

/** An org employee with their org and admin user (workflows/steps/instructor-checks.ts). */
export type EmployeeRow = {
  id: string
  status: string
  role?: string
  display_name?: string | null
  title?: string | null
  bio?: string | null
  org?: { id: string } | null
  user?: { first_name?: string | null; last_name?: string | null; email?: string | null } | null
}
