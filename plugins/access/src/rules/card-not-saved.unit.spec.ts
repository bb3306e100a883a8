import { cardNotSavedMessage } from "./card-not-saved"

describe("cardNotSavedMessage", () => {
  it("gives the provider's reason, as the payment module passes it on (a plain Error with the message)", () => {
    expect(cardNotSavedMessage(new Error("Your card was declined."))).toBe("The card could not be saved: Your card was declined.")
    // Aggregated messages (one a line) read as one sentence.
    expect(cardNotSavedMessage(new Error("Your card has expired.\nTry another card."))).toBe("The card could not be saved: Your card has expired. Try another card.")
    expect(cardNotSavedMessage("Your card's security code is incorrect.")).toBe("The card could not be saved: Your card's security code is incorrect.")
  })

  it("still says what happened when the error carries no message", () => {
    expect(cardNotSavedMessage(new Error(""))).toBe("The card could not be saved: the payment provider refused it.")
    expect(cardNotSavedMessage(null)).toBe("The card could not be saved: the payment provider refused it.")
    expect(cardNotSavedMessage({ code: "card_declined" })).toBe("The card could not be saved: the payment provider refused it.")
  })
})
