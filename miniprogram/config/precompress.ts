import zlib from 'node:zlib'

/** Text files worth compressing, and the size below which compression does not pay. */
const COMPRESSIBLE = /\.(js|css|html|json|svg|txt)$/
const MIN_BYTES = 1024

/**
 * H5 production builds: writes `<file>.br` (brotli, best) and `<file>.gz` (gzip, best) next
 * to every text file, so the static server sends them as they are instead of compressing
 * on every start (scripts/lib/static.ts). Brotli at its best setting takes ~0.6 s for the
 * largest file, too slow for a first request but fine once per build.
 */
export class PrecompressPlugin {
  apply(compiler: any) {
    const { Compilation, sources } = compiler.webpack
    compiler.hooks.thisCompilation.tap('PrecompressPlugin', (compilation: any) => {
      compilation.hooks.processAssets.tapPromise(
        { name: 'PrecompressPlugin', stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_TRANSFER },
        async (assets: Record<string, { buffer?: () => Buffer; source: () => string | Buffer }>) => {
          const jobs = Object.entries(assets)
            .filter(([name]) => COMPRESSIBLE.test(name))
            .map(async ([name, asset]) => {
              const raw = asset.buffer ? asset.buffer() : Buffer.from(asset.source())
              if (raw.length < MIN_BYTES) return
              const [br, gz] = await Promise.all([
                new Promise<Buffer>((resolve, reject) =>
                  zlib.brotliCompress(
                    raw,
                    { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length } },
                    (e, out) => (e ? reject(e) : resolve(out)),
                  ),
                ),
                new Promise<Buffer>((resolve, reject) => zlib.gzip(raw, { level: 9 }, (e, out) => (e ? reject(e) : resolve(out)))),
              ])
              compilation.emitAsset(`${name}.br`, new sources.RawSource(br), { compressed: true })
              compilation.emitAsset(`${name}.gz`, new sources.RawSource(gz), { compressed: true })
            })
          await Promise.all(jobs)
        },
      )
    })
  }
}
