#!/usr/bin/env node
// Summarises one or more .cpuprofile files (node's inspector format, as the P10 drain writes
// with BENCH_P10_CPU_PROFILE_DIR): self time by package and the functions with the most self
// time, in per cent of the samples and in milliseconds.
//
//   node bench/cpu-profile-summary.js /tmp/prof/*.cpuprofile [--top 30]

const fs = require("node:fs")

const args = process.argv.slice(2)
const topAt = args.indexOf("--top")
const top = topAt >= 0 ? Number(args[topAt + 1]) : 30
const files = args.filter((a, i) => a !== "--top" && i !== topAt + 1)
if (!files.length) {
  console.error("usage: node bench/cpu-profile-summary.js <file.cpuprofile>... [--top N]")
  process.exit(2)
}

/** The package a script belongs to (`@scope/name` or `name` under node_modules), else a coarse place. */
function packageOf(url) {
  if (!url) return "(native / vm)"
  if (url.startsWith("node:")) return "node core"
  const at = url.lastIndexOf("node_modules/")
  if (at >= 0) {
    const rest = url.slice(at + "node_modules/".length).split("/")
    return rest[0].startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]
  }
  if (url.includes("/plugins/")) return `volmify: ${url.split("/plugins/")[1].split("/")[0]}`
  return url.replace(/^file:\/\//, "").split("/").slice(-2).join("/")
}

const byPackage = new Map()
const byFunction = new Map()
let total = 0
for (const file of files) {
  const profile = JSON.parse(fs.readFileSync(file, "utf8"))
  const span = (profile.endTime - profile.startTime) / 1000
  const hits = profile.nodes.reduce((n, node) => n + (node.hitCount || 0), 0)
  const msPerHit = hits ? span / hits : 0
  for (const node of profile.nodes) {
    if (!node.hitCount) continue
    const { functionName, url, lineNumber } = node.callFrame
    const ms = node.hitCount * msPerHit
    const pkg = ["(idle)", "(program)", "(garbage collector)"].includes(functionName) ? functionName : packageOf(url)
    byPackage.set(pkg, (byPackage.get(pkg) || 0) + ms)
    const key = `${functionName || "(anonymous)"}  ${pkg}${url && !url.startsWith("node:") ? `:${lineNumber + 1}` : ""}`
    byFunction.set(key, (byFunction.get(key) || 0) + ms)
    total += ms
  }
}

const print = (title, map, n) => {
  console.log(`\n${title}`)
  for (const [k, ms] of [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, n)) {
    console.log(`${((100 * ms) / total).toFixed(1).padStart(6)} %  ${Math.round(ms).toString().padStart(8)} ms  ${k}`)
  }
}
console.log(`${files.length} profile(s), ${Math.round(total)} ms sampled`)
print("self time by package", byPackage, 25)
print(`top ${top} functions by self time`, byFunction, top)
