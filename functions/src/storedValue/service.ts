/**
 * Stored value at the till and on the card: top-ups (a package, or an amount where allowed)
 * within the balance cap and the real-name rule, spends split between principal and bonus in
 * the ratio they were loaded, and the member's balance with their statement. Each is one unit
 * of work — both accounts, the statement line, the order's spend and the event — idempotent
 * on the till's receipt or order number. See README.md.
 */
import { DomainError } from '@huiyuan/shared/errors'
import type { ProgramRules } from '@huiyuan/shared/program/schemas'
import type {
  MyStoredValue,
  SpendRequest,
  SpendResult,
  StoredValueBalance,
  TopUpRequest,
  TopUpResult,
} from '@huiyuan/shared/storedValue/schemas'
import { monotonicFactory } from 'ulid'
import type { Account, AccountsService } from '../accounts'
import type { AuthContext } from '../platform/auth'
import type { EnvelopeCipher } from '../platform/crypto'
import { calendarDate, isoInZone } from '../platform/clock'
import type { PageRequest } from '../platform/cursor'
import type { Tx } from '../platform/tx'
import type { ProgramRepository } from '../program/repository'
import { summaryOf } from '../purchases/service'
import type { tillIdentity } from '../purchases/till'
import { assertStoreAccess } from '../staff/access'
import type { StoredValueRepository } from './repository'
import { stageSpend, yuan } from './moves'

const nextId = monotonicFactory()

export interface StoredValueDeps {
  storedValue: StoredValueRepository
  /** Seals a large top-up's payer details (the members' personal-data key, context `{ memberId }`). */
  cipher: Pick<EnvelopeCipher, 'encrypt'>
  accounts: AccountsService
  program: ProgramRepository
  till: ReturnType<typeof tillIdentity>
  tx: Tx
}

const balanceOf = (principal: Account, bonus: Account): StoredValueBalance => ({
  balanceFen: principal.balance + bonus.balance,
  principalFen: principal.balance,
  bonusFen: bonus.balance,
})

export const storedValueService = (deps: StoredValueDeps) => {
  /** The store, open and the staff's own. */
  const openStore = async (auth: AuthContext, storeId: string) => {
    assertStoreAccess(auth, storeId)
    const store = await deps.program.getStore(storeId)
    if (!store) throw new DomainError('STORE_NOT_FOUND', `Store ${storeId} does not exist`)
    if (!store.active) throw new DomainError('STORE_CLOSED', `Store ${storeId} is closed`)
    return store
  }

  /** What a top-up pays and adds, from its package or its amount. */
  const priced = (req: TopUpRequest, rules: ProgramRules): { paidFen: number; bonusFen: number; name: string } => {
    const sv = rules.storedValue
    if (req.packageId !== undefined) {
      const p = sv.packages.find((x) => x.packageId === req.packageId)
      if (!p)
        throw new DomainError('VALIDATION_FAILED', `No top-up package ${req.packageId}`, {
          fields: [{ field: 'body.packageId', message: 'no such package', code: 'not_found' }],
        })
      return { paidFen: p.payFen, bonusFen: p.bonusFen, name: p.name }
    }
    if (!sv.customAmounts)
      throw new DomainError('VALIDATION_FAILED', 'This program tops up by package only', {
        fields: [{ field: 'body.amountFen', message: 'choose a package', code: 'package_only' }],
      })
    return { paidFen: req.amountFen!, bonusFen: 0, name: `充值${yuan(req.amountFen!)}` }
  }

  const readAccounts = async (memberId: string) => {
    const [p, b] = await deps.tx.read([
      deps.accounts.key(memberId, 'storedValuePrincipal'),
      deps.accounts.key(memberId, 'storedValueBonus'),
    ])
    return {
      principal: deps.accounts.fromItem(memberId, 'storedValuePrincipal', p),
      bonus: deps.accounts.fromItem(memberId, 'storedValueBonus', b),
    }
  }

  return {
    /**
     * Puts money on the member's card: the package's principal and bonus as one top-up (a lot
     * in both accounts). Refused when stored value is off, when the card would hold more than
     * the cap (BALANCE_CAP_EXCEEDED), or when a large top-up lacks the payer's real name and
     * bank-transfer reference (REAL_NAME_REQUIRED). Idempotent on (store, top-up id).
     */
    async topUp(auth: AuthContext, req: TopUpRequest, now: Date): Promise<TopUpResult> {
      await openStore(auth, req.storeId)
      const rules = await deps.program.getRules()
      const sv = rules.storedValue
      if (!sv.enabled) throw new DomainError('STORED_VALUE_DISABLED', 'This program does not take top-ups')
      const { paidFen, bonusFen, name } = priced(req, rules)
      if (paidFen >= sv.realNameFromFen && !req.payer)
        throw new DomainError(
          'REAL_NAME_REQUIRED',
          `A top-up of ${yuan(sv.realNameFromFen)} or more needs the payer's real name and a bank-transfer reference`,
          {
            fields: [{ field: 'body.payer', message: 'real name, ID number and bank-transfer reference', code: 'required' }],
          },
        )
      return deps.tx.idempotency.run<TopUpResult>(
        { operation: 'sv-topup', caller: req.storeId, key: req.topUpId },
        now,
        async (uow, fp) => {
          fp.request = { packageId: req.packageId ?? null, amountFen: req.amountFen ?? null, paymentRef: req.paymentRef }
          const { memberId } = await deps.till.identify(auth, req.memberCode, rules, now)
          fp.subject = memberId
          const m = await deps.till.readMember(memberId, rules)
          const { principal, bonus } = m.storedValue
          const after = principal.balance + bonus.balance + paidFen + bonusFen
          if (after > sv.balanceCapFen)
            throw new DomainError(
              'BALANCE_CAP_EXCEEDED',
              `A card holds at most ${yuan(sv.balanceCapFen)}: this top-up would make it ${yuan(after)}`,
              {
                capFen: sv.balanceCapFen,
                balanceFen: principal.balance + bonus.balance,
                roomFen: Math.max(0, sv.balanceCapFen - principal.balance - bonus.balance),
              },
            )
          // The cap was checked against both accounts: both commit over the versions read.
          principal.hold(uow)
          bonus.hold(uow)
          const lotId = nextId(now.getTime())
          const source = `topup:${req.storeId}:${req.topUpId}`
          principal.credit(uow, paidFen, { type: 'topUp', sourceRef: source, description: name, lot: { id: lotId } })
          bonus.credit(uow, bonusFen, { type: 'topUp', sourceRef: source, description: `${name} · 赠送`, lot: { id: lotId } })
          uow.add(
            deps.storedValue.movementItem({
              memberId,
              movementId: lotId,
              kind: 'topUp',
              principalFen: paidFen,
              bonusFen,
              balanceAfterFen: after,
              storeId: req.storeId,
              reference: req.topUpId,
              at: now.toISOString(),
              ...(req.payer
                ? {
                    payerSealed: await deps.cipher.encrypt(JSON.stringify({ name: req.payer.name, idNumber: req.payer.idNumber }), {
                      memberId,
                    }),
                    bankTransferRef: req.payer.bankTransferRef,
                  }
                : {}),
            }),
          )
          uow.emit('StoredValueToppedUp', {
            memberId,
            storeId: req.storeId,
            topUpId: req.topUpId,
            paidFen,
            bonusFen,
            at: isoInZone(now, rules.timeZone),
          })
          const date = calendarDate(now, rules.timeZone)
          return {
            topUpId: req.topUpId,
            storeId: req.storeId,
            paidFen,
            bonusFen,
            createdAt: isoInZone(now, rules.timeZone),
            member: summaryOf(m.profile, rules, m.tier.tierCode, m.points.available(date), after),
            balance: balanceOf(principal, bonus),
            replayed: false,
          }
        },
        { ttlHours: null },
      )
    },

    /**
     * Pays for an order from the card: the oldest top-ups first, principal and bonus in their
     * loaded ratio; refused (INSUFFICIENT_BALANCE) when the card holds less. Spendable at every
     * store of the program. Idempotent on (store, order id); one stored-value payment per order.
     */
    async spend(auth: AuthContext, req: SpendRequest, now: Date): Promise<SpendResult> {
      await openStore(auth, req.storeId)
      const rules = await deps.program.getRules()
      return deps.tx.idempotency.run<SpendResult, 'spent'>(
        { operation: 'sv-spend', caller: req.storeId, key: req.orderId },
        now,
        async (uow, fp) => {
          fp.request = { amountFen: req.amountFen }
          const { memberId } = await deps.till.identify(auth, req.memberCode, rules, now)
          fp.subject = memberId
          const m = await deps.till.readMember(memberId, rules)
          const { principal, bonus } = m.storedValue
          const { principalFen, bonusFen } = stageSpend(deps.storedValue, uow, m.storedValue, {
            memberId,
            storeId: req.storeId,
            orderId: req.orderId,
            amountFen: req.amountFen,
            now,
            timeZone: rules.timeZone,
          })
          const date = calendarDate(now, rules.timeZone)
          return {
            orderId: req.orderId,
            storeId: req.storeId,
            amountFen: req.amountFen,
            principalFen,
            bonusFen,
            createdAt: isoInZone(now, rules.timeZone),
            member: summaryOf(m.profile, rules, m.tier.tierCode, m.points.available(date), principal.balance + bonus.balance),
            balance: balanceOf(principal, bonus),
            replayed: false,
          }
        },
        {
          ttlHours: null,
          subjectConflict: () => new DomainError('ORDER_CONFLICT', `Order ${req.orderId} was already paid by another member`),
        },
      )
    },

    /** The program's packages and prepaid-card rules, for the till's top-up screen at one of the staff's stores. */
    async tillRules(auth: AuthContext, storeId: string) {
      assertStoreAccess(auth, storeId)
      return (await deps.program.getRules()).storedValue
    },

    /** The member's balance, the program's packages and cap, and their statement (newest first). */
    async mine(memberId: string, page: PageRequest): Promise<MyStoredValue> {
      const rules = await deps.program.getRules()
      const [{ principal, bonus }, moves] = await Promise.all([readAccounts(memberId), deps.storedValue.movements(memberId, page)])
      const stores = new Map<string, string | null>()
      for (const id of new Set(moves.items.map((m) => m.storeId))) stores.set(id, (await deps.program.getStore(id))?.name ?? null)
      return {
        balance: balanceOf(principal, bonus),
        capFen: rules.storedValue.balanceCapFen,
        packages: rules.storedValue.enabled ? rules.storedValue.packages : [],
        items: moves.items.map((m) => ({
          movementId: m.movementId,
          kind: m.kind,
          deltaFen: m.principalFen + m.bonusFen,
          principalFen: m.principalFen,
          bonusFen: m.bonusFen,
          balanceAfterFen: m.balanceAfterFen,
          storeId: m.storeId,
          storeName: stores.get(m.storeId) ?? null,
          reference: m.reference,
          at: isoInZone(new Date(m.at), rules.timeZone),
        })),
        nextCursor: moves.nextCursor,
      }
    },
  }
}
export type StoredValueService = ReturnType<typeof storedValueService>
