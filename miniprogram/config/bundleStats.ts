import fs from 'node:fs'
import path from 'node:path'

/**
 * Optional (HUIYUAN_BUNDLE_STATS=1): write the size of every module per chunk to
 * dist/<env>-bundle-stats.json, to see what weighs in the main package.
 */
export class BundleStatsPlugin {
  constructor(private readonly file: string) {}
  apply(compiler: any) {
    compiler.hooks.emit.tap('BundleStatsPlugin', (compilation: any) => {
      const out: Record<string, { size: number; modules: Record<string, number> }> = {}
      for (const chunk of compilation.chunks) {
        const modules: Record<string, number> = {}
        let total = 0
        for (const m of compilation.chunkGraph.getChunkModulesIterable(chunk)) {
          const name = String(m.nameForCondition?.() ?? m.identifier()).replace(/^.*node_modules\//, 'node_modules/')
          const size = m.size()
          modules[name] = size
          total += size
        }
        out[String(chunk.name ?? chunk.id)] = { size: total, modules }
      }
      fs.mkdirSync(path.dirname(this.file), { recursive: true })
      fs.writeFileSync(this.file, JSON.stringify(out, null, 1))
    })
  }
}
