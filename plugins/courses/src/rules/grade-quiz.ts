/**
 * Quiz grading: pure, integer arithmetic only.
 *
 * Per question (points P, integer >= 1):
 * - `single_choice` / `true_false`: P when exactly the correct option is chosen, else 0.
 * - `multiple_choice` (C correct options): each right pick earns, each wrong pick costs,
 *   score = max(0, floor(P * (right - wrong) / C)). All right and nothing wrong = P.
 * - `short_answer`: P when the answer equals one of `accepted_answers` after trimming
 *   (match `exact`: same characters; `case_insensitive`: also ignoring letter case), else 0.
 * - No answer, or an answer of the wrong shape (e.g. two options on a single choice): 0.
 * Total = sum; percent = floor(100 * total / max); passed when 100 * total >= passing_score * max.
 */

export const QUESTION_TYPES = ["single_choice", "multiple_choice", "true_false", "short_answer"] as const
export type QuestionType = (typeof QUESTION_TYPES)[number]

export type QuizOption = { id: string; text: string }
export type QuizQuestion = {
  id: string
  type: QuestionType
  prompt: string
  points: number
  /** single/multiple choice; true_false has the fixed options "true" and "false". */
  options?: QuizOption[]
  /** single_choice / true_false: exactly one; multiple_choice: one or more. */
  correct_option_ids?: string[]
  /** short_answer only. */
  accepted_answers?: string[]
  match?: "exact" | "case_insensitive"
  explanation?: string | null
}

/** What a student sends for one question: option ids for choices, text for short answers. */
export type QuizAnswer = { question_id: string; option_ids?: string[]; text?: string }

export type QuestionResult = {
  question_id: string
  points: number
  awarded: number
  correct: boolean
}

export type QuizGrade = {
  results: QuestionResult[]
  score_points: number
  max_points: number
  score_percent: number
  passed: boolean
}

export const TRUE_FALSE_OPTIONS: QuizOption[] = [
  { id: "true", text: "True" },
  { id: "false", text: "False" },
]

export function questionOptions(q: QuizQuestion): QuizOption[] {
  return q.type === "true_false" ? TRUE_FALSE_OPTIONS : q.type === "short_answer" ? [] : q.options ?? []
}

const normalise = (s: string, match: QuizQuestion["match"]) => {
  const trimmed = s.trim()
  return match === "case_insensitive" ? trimmed.toLocaleLowerCase("en") : trimmed
}

/** Points awarded for one question (see the file comment for the rule). */
export function gradeQuestion(q: QuizQuestion, answer: QuizAnswer | undefined): number {
  if (!answer) return 0
  const correct = new Set(q.correct_option_ids ?? [])
  if (q.type === "single_choice" || q.type === "true_false") {
    const picked = [...new Set(answer.option_ids ?? [])]
    return picked.length === 1 && correct.has(picked[0]) ? q.points : 0
  }
  if (q.type === "multiple_choice") {
    const known = new Set(questionOptions(q).map((o) => o.id))
    const picked = [...new Set(answer.option_ids ?? [])].filter((id) => known.has(id))
    if (!correct.size) return 0
    const right = picked.filter((id) => correct.has(id)).length
    const wrong = picked.length - right
    const net = right - wrong
    return net <= 0 ? 0 : Math.floor((q.points * net) / correct.size)
  }
  if (typeof answer.text !== "string") return 0
  const given = normalise(answer.text, q.match)
  if (!given) return 0
  return (q.accepted_answers ?? []).some((a) => normalise(a, q.match) === given) ? q.points : 0
}

/** Grades a whole attempt. Answers to unknown questions are ignored; the last answer to a question wins. */
export function gradeQuiz(questions: QuizQuestion[], answers: QuizAnswer[], passingScore: number): QuizGrade {
  const byQuestion = new Map(answers.map((a) => [a.question_id, a]))
  const results = questions.map((q) => {
    const awarded = gradeQuestion(q, byQuestion.get(q.id))
    return { question_id: q.id, points: q.points, awarded, correct: awarded === q.points }
  })
  const score_points = results.reduce((s, r) => s + r.awarded, 0)
  const max_points = results.reduce((s, r) => s + r.points, 0)
  return {
    results,
    score_points,
    max_points,
    score_percent: max_points ? Math.floor((score_points * 100) / max_points) : 0,
    passed: max_points > 0 && score_points * 100 >= passingScore * max_points,
  }
}

/** The question as a student sees it before submitting: no key, no explanation. */
export function publicQuestion(q: QuizQuestion) {
  return {
    id: q.id,
    type: q.type,
    prompt: q.prompt,
    points: q.points,
    options: questionOptions(q).map((o) => ({ id: o.id, text: o.text })),
  }
}

/** After submission: what was right, and (when the quiz shows explanations) the key and why. */
export function reviewedQuestion(q: QuizQuestion, result: QuestionResult | undefined, answer: QuizAnswer | undefined, showKey: boolean) {
  return {
    ...publicQuestion(q),
    answer: answer ? { option_ids: answer.option_ids ?? [], text: answer.text ?? null } : null,
    awarded: result?.awarded ?? 0,
    correct: result?.correct ?? false,
    ...(showKey
      ? {
          correct_option_ids: q.type === "short_answer" ? [] : q.correct_option_ids ?? [],
          accepted_answers: q.type === "short_answer" ? q.accepted_answers ?? [] : [],
          explanation: q.explanation ?? null,
        }
      : {}),
  }
}

/**
 * A deterministic shuffle (Fisher-Yates driven by a 32-bit xorshift seeded from `seed`),
 * so an attempt's question order is reproducible from its id.
 */
export function shuffleWithSeed<T>(items: T[], seed: string): T[] {
  let h = 2166136261
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619) >>> 0
  let state = h || 1
  const next = () => {
    state ^= state << 13
    state >>>= 0
    state ^= state >>> 17
    state ^= state << 5
    state >>>= 0
    return state
  }
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = next() % (i + 1)
    ;[out[i], out[j]] = [out[j], out[i]]
  }
  return out
}

/**
 * Problems of a quiz definition, each naming its field (empty when valid): unique question
 * and option ids, correct options that exist, the right number of them per type, accepted
 * answers for short answers, integer points >= 1.
 */
export function quizDefinitionProblems(questions: QuizQuestion[]): string[] {
  const problems: string[] = []
  const ids = new Set<string>()
  questions.forEach((q, i) => {
    const at = `questions[${i}]`
    if (ids.has(q.id)) problems.push(`${at}.id "${q.id}" is used twice`)
    ids.add(q.id)
    if (!Number.isInteger(q.points) || q.points < 1) problems.push(`${at}.points must be an integer of at least 1`)
    if (q.type === "short_answer") {
      if (!(q.accepted_answers ?? []).some((a) => a.trim())) problems.push(`${at}.accepted_answers needs at least one answer`)
      return
    }
    const options = questionOptions(q)
    const optionIds = new Set(options.map((o) => o.id))
    if (optionIds.size !== options.length) problems.push(`${at}.options have duplicate ids`)
    if (q.type !== "true_false" && options.length < 2) problems.push(`${at}.options needs at least two options`)
    const correct = q.correct_option_ids ?? []
    const unknown = correct.filter((id) => !optionIds.has(id))
    if (unknown.length) problems.push(`${at}.correct_option_ids has unknown option "${unknown[0]}"`)
    if (q.type === "multiple_choice" ? correct.length < 1 : correct.length !== 1) {
      problems.push(`${at}.correct_option_ids needs ${q.type === "multiple_choice" ? "at least one" : "exactly one"} option`)
    }
  })
  return problems
}
