import { draftOf, moveQuestion, newQuestion, nextId, quizPayload, removeOption, toggleCorrect } from "./quiz-draft"

describe("quiz editor edits", () => {
  it("numbers new questions after the existing ones and gives choices two options", () => {
    const q1 = newQuestion("single_choice", [])
    expect(q1).toMatchObject({ id: "q1", options: [{ id: "a1" }, { id: "a2" }], points: 1 })
    expect(newQuestion("true_false", [q1]).id).toBe("q2")
    expect(nextId("q", ["q2"])).toBe("q3")
    expect(nextId("q", ["q1", "q2"])).toBe("q3")
    expect(newQuestion("short_answer", []).accepted_answers).toEqual([""])
  })

  it("single choice keeps one right option; multiple choice toggles; removing an option unmarks it", () => {
    const single = toggleCorrect(toggleCorrect(newQuestion("single_choice", []), "a1"), "a2")
    expect(single.correct_option_ids).toEqual(["a2"])
    let multi = toggleCorrect(toggleCorrect(newQuestion("multiple_choice", []), "a1"), "a2")
    expect(multi.correct_option_ids).toEqual(["a1", "a2"])
    multi = toggleCorrect(multi, "a1")
    expect(multi.correct_option_ids).toEqual(["a2"])
    expect(removeOption(multi, "a2")).toMatchObject({ options: [{ id: "a1" }], correct_option_ids: [] })
  })

  it("moves questions within bounds", () => {
    const list = [newQuestion("true_false", [])]
    list.push(newQuestion("true_false", list))
    expect(moveQuestion(list, 1, -1).map((q) => q.id)).toEqual(["q2", "q1"])
    expect(moveQuestion(list, 0, -1)).toBe(list)
  })

  it("sends only the fields of each type, trimmed", () => {
    const draft = draftOf(null)
    draft.questions = [
      { ...newQuestion("short_answer", []), prompt: "Capital?", accepted_answers: [" Paris ", " "], explanation: "  " },
      { ...newQuestion("true_false", []), id: "q2", correct_option_ids: ["true"] },
    ]
    const body = quizPayload(draft)
    expect(body.questions[0]).toEqual({ id: "q1", type: "short_answer", prompt: "Capital?", points: 1, accepted_answers: ["Paris"], match: "case_insensitive", explanation: null })
    expect(body.questions[1]).not.toHaveProperty("options")
    expect(body.questions[1]).toMatchObject({ correct_option_ids: ["true"] })
    expect(body).toMatchObject({ passing_score: 70, required: true, show_explanations: true })
  })
})
