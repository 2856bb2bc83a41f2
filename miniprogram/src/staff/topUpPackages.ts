/**
 * The top-up packages the till offers. The API has no staff route for the program's
 * stored-value settings yet (packages are in the member's `GET /v1/me/stored-value` only),
 * so the till offers the program's default packages (shared/src/storedValue/schemas.ts,
 * checked equal in topUpPackages.test.ts) beside a typed amount. The API prices every
 * top-up from the program's own rules and refuses a package it does not have, which the
 * till then explains.
 */
import type { TopUpPackage } from '@huiyuan/shared/storedValue/schemas'

export const TILL_TOP_UP_PACKAGES: readonly TopUpPackage[] = [
  { packageId: 'P500', name: '充500送30', payFen: 50_000, bonusFen: 3_000 },
  { packageId: 'P1000', name: '充1000送100', payFen: 100_000, bonusFen: 10_000 },
]
