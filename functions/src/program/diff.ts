/**
 * What changed between two versions of the program rules, setting by setting: each change
 * names its path (`earning.fenPerPoint`, `tiers.1.thresholdFen`) with the value before and
 * after (null where it did not exist). Objects and lists of objects are compared member by
 * member; a list of plain values (store ids, categories) is one setting. Pure.
 */
import type { ProgramChange } from '@huiyuan/shared/program/schemas'

type Json = null | boolean | number | string | Json[] | { [k: string]: Json }

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const isListOfObjects = (v: unknown): v is unknown[] => Array.isArray(v) && v.length > 0 && v.every(isObject)

const same = (a: unknown, b: unknown): boolean => {
  if (a === b) return true
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]))
  if (isObject(a) && isObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)].filter((k) => a[k] !== undefined || b[k] !== undefined))
    return [...keys].every((k) => same(a[k], b[k]))
  }
  return false
}

const plain = (v: unknown): Json => (v === undefined ? null : (JSON.parse(JSON.stringify(v)) as Json))

export function diffRules(before: unknown, after: unknown, path: string[] = []): ProgramChange[] {
  if (same(before, after)) return []
  const at = (k: string | number) => [...path, String(k)]
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])]
    return keys.flatMap((k) => diffRules(before[k], after[k], at(k)))
  }
  const beforeList = isListOfObjects(before) || (Array.isArray(before) && before.length === 0 && isListOfObjects(after))
  const afterList = isListOfObjects(after) || (Array.isArray(after) && after.length === 0 && isListOfObjects(before))
  if (beforeList && afterList) {
    const b = before as unknown[]
    const a = after as unknown[]
    return Array.from({ length: Math.max(b.length, a.length) }, (_, i) => diffRules(b[i], a[i], at(i))).flat()
  }
  return [{ path: path.join('.'), before: plain(before), after: plain(after) }]
}
