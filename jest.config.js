const { loadEnv } = require("@medusajs/framework/utils")
loadEnv("test", process.cwd())

const base = {
  transform: {
    "^.+\\.[jt]sx?$": [
      "@swc/jest",
      { jsc: { parser: { syntax: "typescript", decorators: true, tsx: true } } },
    ],
  },
  testEnvironment: "node",
  moduleFileExtensions: ["js", "ts", "tsx", "json"],
  modulePathIgnorePatterns: ["dist/", "<rootDir>/.medusa/", "<rootDir>/.data/", "<rootDir>/storefront/(node_modules|\\.next)/"],
  setupFiles: ["<rootDir>/integration-tests/setup.js"],
}

// `npm test` (src/scripts/test.js) picks these with --selectProjects.
module.exports = {
  projects: [
    {
      ...base,
      displayName: "unit",
      testMatch: [
        "<rootDir>/src/**/*.unit.spec.ts",
        "<rootDir>/plugins/*/src/**/*.unit.spec.ts",
        "<rootDir>/storefront/src/**/*.unit.spec.ts",
        "<rootDir>/packages/*/src/**/*.unit.spec.ts",
      ],
    },
    {
      ...base,
      displayName: "modules",
      testMatch: ["<rootDir>/plugins/*/src/modules/*/__tests__/**/*.spec.ts"],
      testPathIgnorePatterns: ["\\.unit\\.spec\\.ts$"],
    },
    {
      ...base,
      displayName: "http",
      testMatch: ["<rootDir>/integration-tests/http/**/*.spec.ts"],
      setupFiles: [...base.setupFiles, "<rootDir>/integration-tests/http-template.js"],
      setupFilesAfterEnv: ["<rootDir>/integration-tests/retry-once.js"],
    },
    {
      ...base,
      displayName: "redis",
      testMatch: ["<rootDir>/integration-tests/redis/**/*.spec.ts"],
    },
    {
      ...base,
      displayName: "faults",
      testMatch: ["<rootDir>/integration-tests/faults/**/*.spec.ts"],
    },
    {
      ...base,
      displayName: "platform",
      testMatch: ["<rootDir>/integration-tests/platform/**/*.spec.ts"],
    },
  ],
}
