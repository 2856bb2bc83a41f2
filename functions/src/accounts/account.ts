/**
 * One member's account of one kind, as read, with the movements an operation makes on it.
 * Each movement adds its items to the operation's unit of work — the immutable entry, the
 * source's idempotency guard ('replay' if that source was already applied), a new lot's
 * expiry index — and the account item itself is written once at commit, from the version
 * that was read ('stale' otherwise, and the operation retries from a fresh read).
 */
import { monotonicFactory } from 'ulid'
import type { AccountEntryType } from '@huiyuan/shared/accounts/schemas'
import { DomainError } from '@huiyuan/shared/errors'
import type { UnitOfWork } from '../platform/unitOfWork'
import { type AccountState, availableOn, planSpend } from './model'
import type { AccountEntry, AccountsRepository } from './repository'

const nextEntryId = monotonicFactory()

export interface Movement {
  type: AccountEntryType
  /** Unique per account and cause, e.g. `checkin:2026-11-25`: a second movement from it is refused. */
  sourceRef: string
  description: string
}

const INSUFFICIENT = {
  points: { code: 'INSUFFICIENT_POINTS', what: 'points' },
  storedValuePrincipal: { code: 'INSUFFICIENT_BALANCE', what: 'fen of stored value' },
  storedValueBonus: { code: 'INSUFFICIENT_BALANCE', what: 'fen of bonus value' },
} as const

export class Account {
  private readonly before: AccountState
  private readonly state: AccountState
  private staged = false

  constructor(
    state: AccountState,
    private readonly repo: AccountsRepository,
  ) {
    this.before = state
    this.state = { ...state, lots: Object.fromEntries(Object.entries(state.lots).map(([id, l]) => [id, { ...l }])) }
  }

  get memberId(): string {
    return this.state.memberId
  }
  get balance(): number {
    return this.state.balance
  }
  get debt(): number {
    return this.state.debt
  }
  /** What can be spent today (lots past expiry excluded). */
  available(today: string): number {
    return availableOn(this.state, today)
  }
  /** A copy of the current state (with this operation's movements applied). */
  snapshot(): AccountState {
    return { ...this.state, lots: { ...this.state.lots } }
  }

  /** Adds `amount` to a lot (created if new, with its expiry). Zero moves nothing. */
  credit<R extends string>(
    uow: UnitOfWork<R | 'replay'>,
    amount: number,
    m: Movement & { lot: { id: string; expiresOn?: string } },
  ): AccountEntry | null {
    assertAmount(amount)
    if (amount === 0) return null
    const lot = this.state.lots[m.lot.id]
    if (lot) {
      lot.remaining += amount
      lot.earned += amount
    } else {
      this.state.lots[m.lot.id] = { remaining: amount, earned: amount, ...(m.lot.expiresOn ? { expiresOn: m.lot.expiresOn } : {}) }
      if (m.lot.expiresOn) {
        uow.add(
          this.repo.expiryIndexItem({ kind: this.state.kind, memberId: this.state.memberId, lotId: m.lot.id, expiresOn: m.lot.expiresOn }),
        )
      }
    }
    return this.record(uow, amount, m)
  }

  /** Takes `amount` from the oldest spendable lots; refuses (nothing written) if they cannot cover it. */
  debit<R extends string>(uow: UnitOfWork<R | 'replay'>, amount: number, m: Movement & { today: string }): AccountEntry | null {
    assertAmount(amount)
    if (amount === 0) return null
    const plan = planSpend(this.state, amount, m.today)
    if (!plan) {
      const available = this.available(m.today)
      const { code, what } = INSUFFICIENT[this.state.kind]
      throw new DomainError(code, `Not enough ${what}: ${available} available, ${amount} needed`, { balance: available, needed: amount })
    }
    for (const { lotId, take } of plan) this.state.lots[lotId]!.remaining -= take
    return this.record(uow, -amount, m)
  }

  /**
   * Takes back `amount` that was given (a refund's points, a clawed-back reward): what is
   * spendable now, and the rest as a debt that later earnings repay. Never negative.
   */
  takeBack<R extends string>(uow: UnitOfWork<R | 'replay'>, amount: number, m: Movement & { today: string }): void {
    assertAmount(amount)
    const taken = Math.min(this.available(m.today), amount)
    this.debit(uow, taken, m)
    this.setDebt(uow, this.state.debt + (amount - taken))
  }

  /**
   * Takes the given amounts from the given lots (a plan the caller made, e.g. stored value's
   * split); refuses, writing nothing, if a lot holds less than its take.
   */
  debitLots<R extends string>(
    uow: UnitOfWork<R | 'replay'>,
    takes: ReadonlyArray<{ lotId: string; take: number }>,
    m: Movement,
  ): AccountEntry | null {
    const amount = takes.reduce((s, t) => s + t.take, 0)
    assertAmount(amount)
    if (amount === 0) return null
    for (const { lotId, take } of takes) {
      assertAmount(take)
      if ((this.state.lots[lotId]?.remaining ?? 0) < take) {
        const { code, what } = INSUFFICIENT[this.state.kind]
        throw new DomainError(code, `Not enough ${what} in ${lotId}`, { balance: this.state.balance, needed: amount })
      }
    }
    for (const { lotId, take } of takes) this.state.lots[lotId]!.remaining -= take
    return this.record(uow, -amount, m)
  }

  /** Puts amounts back into the lots they were taken from (a refund of a spend): what a lot was loaded with is unchanged. */
  restoreLots<R extends string>(
    uow: UnitOfWork<R | 'replay'>,
    backs: ReadonlyArray<{ lotId: string; amount: number }>,
    m: Movement,
  ): AccountEntry | null {
    const amount = backs.reduce((s, b) => s + b.amount, 0)
    assertAmount(amount)
    if (amount === 0) return null
    for (const { lotId, amount: back } of backs) {
      assertAmount(back)
      const lot = this.state.lots[lotId]
      if (!lot || lot.remaining + back > lot.earned)
        throw new Error(`lot ${lotId} of ${this.state.memberId} would hold more than it was loaded with`)
      lot.remaining += back
    }
    return this.record(uow, amount, m)
  }

  /** Takes everything left in one lot (expiry). Null when nothing is left in it. */
  drainLot<R extends string>(uow: UnitOfWork<R | 'replay'>, lotId: string, m: Movement): AccountEntry | null {
    const lot = this.state.lots[lotId]
    if (!lot || lot.remaining <= 0) return null
    const amount = lot.remaining
    lot.remaining = 0
    return this.record(uow, -amount, m)
  }

  /**
   * Writes the account back over the version read even when this operation leaves it unchanged:
   * an operation planned from two accounts read apart (not a snapshot) then commits only if
   * neither moved in between.
   */
  hold<R extends string>(uow: UnitOfWork<R>): void {
    this.stage(uow)
  }

  setDebt<R extends string>(uow: UnitOfWork<R>, debt: number): void {
    assertAmount(debt)
    if (debt === this.state.debt) return
    this.state.debt = debt
    this.stage(uow)
  }

  private record<R extends string>(uow: UnitOfWork<R | 'replay'>, delta: number, m: Movement): AccountEntry {
    this.state.balance += delta
    if (this.state.balance < 0) throw new Error(`account ${this.state.kind} of ${this.state.memberId} would go negative`)
    const entry: AccountEntry = {
      entryId: nextEntryId(uow.now.getTime()),
      memberId: this.state.memberId,
      kind: this.state.kind,
      type: m.type,
      delta,
      balanceAfter: this.state.balance,
      sourceRef: m.sourceRef,
      description: m.description,
      createdAt: uow.now.toISOString(),
    }
    uow.add(this.repo.entryItem(entry), this.repo.sourceItem(entry.memberId, entry.kind, m.sourceRef, entry.entryId))
    this.stage(uow)
    return entry
  }

  private stage<R extends string>(uow: UnitOfWork<R>): void {
    if (this.staged) return
    this.staged = true
    uow.finally(() => uow.add(this.repo.accountItem(this.before, this.state, uow.now)))
  }
}

function assertAmount(n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`an account amount must be a non-negative integer, not ${n}`)
}
