import { useCallback, useState } from 'react'
import { approveConsoleSignIn, type ConsoleSignIn, consoleTicketOf, getConsoleSignIn } from '../../services/console'
import { errorMessage } from '../../services/request'

export type ConsoleSignInStep =
  | { kind: 'scan' }
  | { kind: 'confirm'; ticket: string; request: ConsoleSignIn }
  | { kind: 'done'; request: ConsoleSignIn }

/** Why a console QR that was read cannot be approved any more. */
const NOT_WAITING: Record<string, string> = {
  approved: '该二维码已被确认，请在电脑上刷新二维码后重新扫描',
  consumed: '该二维码已被使用，请在电脑上刷新二维码后重新扫描',
  expired: '二维码已过期，请在电脑上刷新二维码后重新扫描',
}

/** Scan (or paste) the console's QR → see which console asks → approve. */
export function useConsoleSignIn() {
  const [step, setStep] = useState<ConsoleSignInStep>({ kind: 'scan' })
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const read = useCallback(async (text: string) => {
    setError(null)
    const ticket = consoleTicketOf(text)
    if (!ticket) {
      setError('这不是控制台登录二维码，请扫描电脑上控制台登录页的二维码')
      return
    }
    setBusy(true)
    try {
      const request = await getConsoleSignIn(ticket)
      if (request.status !== 'pending') setError(NOT_WAITING[request.status] ?? '该二维码已失效，请在电脑上刷新后重新扫描')
      else setStep({ kind: 'confirm', ticket, request })
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }, [])

  const approve = useCallback(async () => {
    if (step.kind !== 'confirm') return
    setError(null)
    setBusy(true)
    try {
      setStep({ kind: 'done', request: await approveConsoleSignIn(step.ticket) })
    } catch (e) {
      setError(errorMessage(e))
      setStep({ kind: 'scan' })
    } finally {
      setBusy(false)
    }
  }, [step])

  const restart = useCallback(() => {
    setError(null)
    setStep({ kind: 'scan' })
  }, [])

  return { step, error, busy, read, approve, restart }
}
