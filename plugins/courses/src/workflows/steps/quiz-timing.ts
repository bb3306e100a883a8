/** Seconds after the deadline a submission is still graded (network, clocks). */
export const QUIZ_SUBMIT_GRACE_SECONDS = 30
