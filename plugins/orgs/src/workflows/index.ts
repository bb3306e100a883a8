export * from "./create-org"
