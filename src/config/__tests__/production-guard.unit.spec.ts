import {
  assertProductionSecrets,
  findProductionSecretProblems,
  InsecureProductionConfigError,
} from "../production-guard"

const strong = "a3f1c9e87b2d4f60a3f1c9e87b2d4f60"

describe("assertProductionSecrets", () => {
  it("lets any secrets through outside production", () => {
    expect(() => assertProductionSecrets({ NODE_ENV: "development" })).not.toThrow()
    expect(() => assertProductionSecrets({})).not.toThrow()
  })

  it("refuses production without JWT_SECRET or COOKIE_SECRET, naming each", () => {
    expect(() => assertProductionSecrets({ NODE_ENV: "production", COOKIE_SECRET: strong })).toThrow(
      /JWT_SECRET is not set/
    )
    expect(() => assertProductionSecrets({ NODE_ENV: "production", JWT_SECRET: strong })).toThrow(
      /COOKIE_SECRET is not set/
    )
    expect(() =>
      assertProductionSecrets({ NODE_ENV: "production", JWT_SECRET: "  ", COOKIE_SECRET: strong })
    ).toThrow(InsecureProductionConfigError)
  })

  it("refuses well-known defaults such as supersecret, in any case", () => {
    expect(findProductionSecretProblems({ JWT_SECRET: "supersecret", COOKIE_SECRET: strong })).toEqual([
      'JWT_SECRET is a well-known default ("supersecret")',
    ])
    expect(findProductionSecretProblems({ JWT_SECRET: strong, COOKIE_SECRET: "SuperSecret" })).toEqual([
      'COOKIE_SECRET is a well-known default ("SuperSecret")',
    ])
  })

  it("refuses short secrets", () => {
    expect(findProductionSecretProblems({ JWT_SECRET: "abc123", COOKIE_SECRET: strong })).toEqual([
      "JWT_SECRET is too short (6 characters, at least 16)",
    ])
  })

  it("accepts long random secrets in production", () => {
    expect(() =>
      assertProductionSecrets({ NODE_ENV: "production", JWT_SECRET: strong, COOKIE_SECRET: strong + "x" })
    ).not.toThrow()
  })
})
