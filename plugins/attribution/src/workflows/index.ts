export * from "./attribution-rules"
export * from "./post-order-revenue"
export * from "./adjust-processing-fee"
