import { gradeQuestion, gradeQuiz, publicQuestion, quizDefinitionProblems, QuizQuestion, reviewedQuestion, shuffleWithSeed } from "./grade-quiz"

const single: QuizQuestion = {
  id: "q1",
  type: "single_choice",
  prompt: "2 + 2?",
  points: 2,
  options: [
    { id: "a", text: "3" },
    { id: "b", text: "4" },
  ],
  correct_option_ids: ["b"],
  explanation: "Arithmetic",
}
const multi: QuizQuestion = {
  id: "q2",
  type: "multiple_choice",
  prompt: "Primes?",
  points: 3,
  options: ["2", "3", "4", "5", "6"].map((n) => ({ id: `o${n}`, text: n })),
  correct_option_ids: ["o2", "o3", "o5"],
}
const tf: QuizQuestion = { id: "q3", type: "true_false", prompt: "The sky is blue", points: 1, correct_option_ids: ["true"] }
const shortExact: QuizQuestion = { id: "q4", type: "short_answer", prompt: "Capital of France", points: 4, accepted_answers: ["Paris"], match: "exact" }
const shortCi: QuizQuestion = { ...shortExact, id: "q5", match: "case_insensitive", accepted_answers: ["Paris", "Lutetia"] }

describe("gradeQuestion", () => {
  it("single choice: full points for the one right option, 0 for a wrong one, two picks or none", () => {
    expect(gradeQuestion(single, { question_id: "q1", option_ids: ["b"] })).toBe(2)
    expect(gradeQuestion(single, { question_id: "q1", option_ids: ["a"] })).toBe(0)
    expect(gradeQuestion(single, { question_id: "q1", option_ids: ["a", "b"] })).toBe(0)
    expect(gradeQuestion(single, { question_id: "q1", option_ids: [] })).toBe(0)
    expect(gradeQuestion(single, { question_id: "q1", option_ids: ["b", "b"] })).toBe(2)
    expect(gradeQuestion(single, undefined)).toBe(0)
    expect(gradeQuestion(single, { question_id: "q1", text: "4" })).toBe(0)
  })

  it("true/false: the right literal only", () => {
    expect(gradeQuestion(tf, { question_id: "q3", option_ids: ["true"] })).toBe(1)
    expect(gradeQuestion(tf, { question_id: "q3", option_ids: ["false"] })).toBe(0)
    expect(gradeQuestion(tf, { question_id: "q3", option_ids: ["true", "false"] })).toBe(0)
  })

  it("multiple choice: proportional, wrong picks subtract, floored at 0, integer floor", () => {
    const pick = (...ids: string[]) => gradeQuestion(multi, { question_id: "q2", option_ids: ids })
    expect(pick("o2", "o3", "o5")).toBe(3)
    expect(pick("o2", "o3")).toBe(2) // 3 * 2 / 3
    expect(pick("o2")).toBe(1) // 3 * 1 / 3
    expect(pick("o2", "o3", "o5", "o4")).toBe(2) // 3 * (3 - 1) / 3
    expect(pick("o2", "o3", "o4")).toBe(1) // 3 * (2 - 1) / 3
    expect(pick("o2", "o4")).toBe(0) // net 0
    expect(pick("o4", "o6")).toBe(0) // floored at 0, not negative
    expect(pick("o2", "o3", "o4", "o5", "o6")).toBe(1) // everything: 3 - 2 = 1
    expect(pick()).toBe(0)
    expect(pick("o2", "o2", "o2")).toBe(1) // a repeated pick counts once
    expect(pick("o2", "nope")).toBe(1) // unknown ids are neither right nor wrong
    const five: QuizQuestion = { ...multi, points: 5 }
    expect(gradeQuestion(five, { question_id: "q2", option_ids: ["o2", "o3"] })).toBe(3) // floor(10 / 3)
  })

  it("short answer: exact trims but keeps case; case-insensitive ignores case; any accepted answer", () => {
    const ans = (q: QuizQuestion, text: string) => gradeQuestion(q, { question_id: q.id, text })
    expect(ans(shortExact, "Paris")).toBe(4)
    expect(ans(shortExact, "  Paris ")).toBe(4)
    expect(ans(shortExact, "paris")).toBe(0)
    expect(ans(shortExact, "Pari")).toBe(0)
    expect(ans(shortExact, "")).toBe(0)
    expect(ans(shortCi, "PARIS")).toBe(4)
    expect(ans(shortCi, "lutetia")).toBe(4)
    expect(ans(shortCi, "London")).toBe(0)
    expect(ans(shortCi, "   ")).toBe(0)
    expect(gradeQuestion(shortCi, { question_id: "q5", option_ids: ["Paris"] })).toBe(0)
  })
})

describe("gradeQuiz", () => {
  const questions = [single, multi, tf, shortExact]
  it("sums points, floors the percent and passes at the threshold exactly", () => {
    const g = gradeQuiz(
      questions,
      [
        { question_id: "q1", option_ids: ["b"] },
        { question_id: "q2", option_ids: ["o2", "o3"] },
        { question_id: "q3", option_ids: ["false"] },
        { question_id: "q4", text: "Paris" },
      ],
      80
    )
    expect(g.results.map((r) => [r.question_id, r.awarded, r.correct])).toEqual([
      ["q1", 2, true],
      ["q2", 2, false],
      ["q3", 0, false],
      ["q4", 4, true],
    ])
    expect(g).toMatchObject({ score_points: 8, max_points: 10, score_percent: 80, passed: true })
    expect(gradeQuiz(questions, [], 80)).toMatchObject({ score_points: 0, max_points: 10, score_percent: 0, passed: false })
  })

  it("compares 100*score with passing*max in integers (2 of 3 is 66 %, which fails 67 and passes 66)", () => {
    const three = [tf, { ...tf, id: "t2" }, { ...tf, id: "t3" }]
    const answers = [
      { question_id: "q3", option_ids: ["true"] },
      { question_id: "t2", option_ids: ["true"] },
    ]
    expect(gradeQuiz(three, answers, 67).passed).toBe(false)
    expect(gradeQuiz(three, answers, 66)).toMatchObject({ passed: true, score_percent: 66 })
    expect(gradeQuiz(three, [], 0).passed).toBe(true)
  })

  it("ignores answers to unknown questions; the last answer to a question counts", () => {
    const g = gradeQuiz([single], [
      { question_id: "zzz", option_ids: ["b"] },
      { question_id: "q1", option_ids: ["a"] },
      { question_id: "q1", option_ids: ["b"] },
    ], 100)
    expect(g).toMatchObject({ score_points: 2, passed: true })
  })
})

describe("views", () => {
  it("the public question has no key and no explanation, whatever the type", () => {
    for (const q of [single, multi, tf, shortExact, shortCi]) {
      const text = JSON.stringify(publicQuestion(q))
      expect(text).not.toContain("correct")
      expect(text).not.toContain("accepted")
      expect(text).not.toContain("explanation")
      expect(text).not.toContain("Paris")
    }
    expect(publicQuestion(tf).options.map((o) => o.id)).toEqual(["true", "false"])
  })

  it("the reviewed question shows the key and explanation only when asked", () => {
    const res = { question_id: "q1", points: 2, awarded: 0, correct: false }
    expect(reviewedQuestion(single, res, { question_id: "q1", option_ids: ["a"] }, true)).toMatchObject({
      correct_option_ids: ["b"],
      explanation: "Arithmetic",
      answer: { option_ids: ["a"] },
      correct: false,
    })
    expect(JSON.stringify(reviewedQuestion(single, res, undefined, false))).not.toContain("Arithmetic")
  })

  it("shuffles deterministically per seed and keeps every item", () => {
    const items = Array.from({ length: 20 }, (_, i) => i)
    const a = shuffleWithSeed(items, "qatt_1")
    expect(shuffleWithSeed(items, "qatt_1")).toEqual(a)
    expect([...a].sort((x, y) => x - y)).toEqual(items)
    expect(shuffleWithSeed(items, "qatt_2")).not.toEqual(a)
  })
})

describe("quizDefinitionProblems", () => {
  it("accepts a good quiz and names the field of each problem", () => {
    expect(quizDefinitionProblems([single, multi, tf, shortExact])).toEqual([])
    expect(quizDefinitionProblems([single, { ...single }])).toEqual(['questions[1].id "q1" is used twice'])
    expect(quizDefinitionProblems([{ ...single, correct_option_ids: ["a", "b"] }])[0]).toMatch(/questions\[0\]\.correct_option_ids needs exactly one/)
    expect(quizDefinitionProblems([{ ...single, correct_option_ids: ["z"] }])[0]).toMatch(/unknown option "z"/)
    expect(quizDefinitionProblems([{ ...multi, correct_option_ids: [] }])[0]).toMatch(/at least one/)
    expect(quizDefinitionProblems([{ ...shortExact, accepted_answers: [" "] }])).toEqual(["questions[0].accepted_answers needs at least one answer"])
    expect(quizDefinitionProblems([{ ...single, points: 0 }])).toEqual(["questions[0].points must be an integer of at least 1"])
    expect(quizDefinitionProblems([{ ...single, options: [{ id: "b", text: "x" }] }])).toContain("questions[0].options needs at least two options")
  })
})
