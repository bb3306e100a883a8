export * from "./attribution-rules"
export * from "./post-order-revenue"
