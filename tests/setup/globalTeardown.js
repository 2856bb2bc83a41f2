module.exports = async function globalTeardown() {
  const started = globalThis.__huiyuanStack ?? []
  for (const s of [...started].reverse()) await s.stop().catch(() => undefined)
}
