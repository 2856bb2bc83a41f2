/**
 * The stored-value rules (储值) as the program form edits them: money in yuan, each package
 * with the id tills top up with (kept for a saved package, made up for a new one); and back
 * to the rules the API takes (integer fen).
 */
import type { StoredValueRules } from '@huiyuan/shared/storedValue/schemas'
import { fenOf, yuanOf } from '../../lib/money'
import { num } from './formValues'

/** The most packages a program offers (the shared schema's limit). */
export const MAX_PACKAGES = 12

export interface PackageForm {
  /** What the tills send; never edited (a till may hold it). */
  packageId: string
  /** Saved already: its id is in use. */
  saved?: boolean
  name: string
  payYuan: number | null
  bonusYuan: number | null
}

export interface StoredValueForm {
  enabled: boolean
  customAmounts: boolean
  balanceCapYuan: number | null
  realNameFromYuan: number | null
  packages: PackageForm[]
}

export const storedValueToForm = (sv: StoredValueRules): StoredValueForm => ({
  enabled: sv.enabled,
  customAmounts: sv.customAmounts,
  balanceCapYuan: yuanOf(sv.balanceCapFen),
  realNameFromYuan: yuanOf(sv.realNameFromFen),
  packages: sv.packages.map((p) => ({
    packageId: p.packageId,
    saved: true,
    name: p.name,
    payYuan: yuanOf(p.payFen),
    bonusYuan: yuanOf(p.bonusFen),
  })),
})

/** The rules the form's values describe, over the saved `base` where the form has none. */
export const storedValueOf = (f: StoredValueForm | undefined, base: StoredValueRules): StoredValueRules =>
  f
    ? {
        enabled: f.enabled ?? base.enabled,
        customAmounts: f.customAmounts ?? base.customAmounts,
        balanceCapFen: num(fenOf(f.balanceCapYuan)),
        realNameFromFen: num(fenOf(f.realNameFromYuan)),
        packages: (f.packages ?? []).map((p) => ({
          packageId: p.packageId,
          name: (p.name ?? '').trim(),
          payFen: num(fenOf(p.payYuan)),
          bonusFen: num(fenOf(p.bonusYuan)),
        })),
      }
    : base

/** A new package (充 ¥200 送 ¥10 until edited), under an id no package has. */
export const newPackage = (packages: PackageForm[]): PackageForm => {
  const taken = new Set(packages.map((p) => p.packageId))
  const stem = `P${Date.now().toString(36).toUpperCase()}`
  let packageId = stem
  for (let i = 2; taken.has(packageId); i++) packageId = `${stem}${i}`
  return { packageId, saved: false, name: '', payYuan: 200, bonusYuan: 10 }
}

/** A wire path under `storedValue` (`storedValue.packages.1.payFen`) → the form's (`storedValue.packages.1.payYuan`); others unchanged. */
export const storedValueFormPath = (p: string): string => {
  if (p === 'storedValue.balanceCapFen') return 'storedValue.balanceCapYuan'
  if (p === 'storedValue.realNameFromFen') return 'storedValue.realNameFromYuan'
  const pkg = /^storedValue\.packages\.(\d+)\.(payFen|bonusFen|packageId)$/.exec(p)
  if (pkg) return `storedValue.packages.${pkg[1]}.${pkg[2] === 'payFen' ? 'payYuan' : pkg[2] === 'bonusFen' ? 'bonusYuan' : 'name'}`
  return p
}
