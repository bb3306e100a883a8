import {
  assertProductionSecrets,
  assertSafeSecrets,
  findProductionSecretProblems,
  InsecureListenConfigError,
  InsecureProductionConfigError,
  isLoopbackHost,
  listensBeyondLoopback,
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

describe("assertSafeSecrets (any server reachable beyond loopback)", () => {
  const serve = ["node", "/app/node_modules/.bin/medusa", "develop"]
  const migrate = ["node", "/app/node_modules/.bin/medusa", "db:migrate"]

  it("refuses the default secret in development when HOST is unset (every interface) or public", () => {
    expect(() => assertSafeSecrets({ NODE_ENV: "development", JWT_SECRET: "supersecret", COOKIE_SECRET: strong }, serve)).toThrow(
      /every interface \(HOST is unset\).*JWT_SECRET is a well-known default/
    )
    expect(() => assertSafeSecrets({ HOST: "0.0.0.0", COOKIE_SECRET: strong }, serve)).toThrow(/"0\.0\.0\.0".*JWT_SECRET is not set/)
    expect(() => assertSafeSecrets({ HOST: "192.168.1.20", JWT_SECRET: strong, COOKIE_SECRET: "changeme" }, serve)).toThrow(
      InsecureListenConfigError
    )
  })

  it("lets a loopback-only development server keep the fallback, and checks real secrets nowhere else", () => {
    for (const HOST of ["localhost", "127.0.0.1", "::1", "[::1]", "127.1.2.3"]) {
      expect(isLoopbackHost(HOST)).toBe(true)
      expect(() => assertSafeSecrets({ HOST }, serve)).not.toThrow()
    }
    expect(isLoopbackHost("127.example.com")).toBe(false)
    expect(() => assertSafeSecrets({ JWT_SECRET: strong, COOKIE_SECRET: strong }, serve)).not.toThrow()
  })

  it("leaves commands that do not listen alone, but never production", () => {
    expect(listensBeyondLoopback({}, migrate)).toBe(false)
    expect(() => assertSafeSecrets({}, migrate)).not.toThrow()
    expect(() => assertSafeSecrets({ NODE_ENV: "production" }, migrate)).toThrow(InsecureProductionConfigError)
    // A test runner or any other host process that boots the app: it listens.
    expect(listensBeyondLoopback({}, ["node", "/app/node_modules/.bin/jest"])).toBe(true)
  })
})
