import { useCallback, useRef, useState } from 'react'
import { eraseMyAccount, exportMyData, setMarketingConsent, type ErasureResult, type MyDataExport } from '../services/privacy'
import { asApiError, errorMessage, type ApiError } from '../services/request'
import { useMemberCard } from './useMemberCard'

export type Outcome<T> = { ok: true; value: T } | { ok: false; message: string }

/**
 * The privacy centre: the member's card (for the marketing switch), switching marketing
 * consent, the copy of their data, and erasure.
 */
export function usePrivacyCentre() {
  const card = useMemberCard()
  const [savingConsent, setSavingConsent] = useState(false)
  const [myData, setMyData] = useState<MyDataExport | null>(null)
  const [exporting, setExporting] = useState(false)
  const [exportError, setExportError] = useState<ApiError | null>(null)
  const [erasing, setErasing] = useState(false)
  const { setData } = card
  const shownData = useRef(false)
  shownData.current = myData !== null

  /** Gives or withdraws marketing consent; the card shows what the API answered. */
  const changeMarketingConsent = useCallback(
    async (granted: boolean): Promise<Outcome<boolean>> => {
      setSavingConsent(true)
      try {
        const updated = await setMarketingConsent(granted)
        setData(updated)
        // A copy of the member's data already on screen shows the change (and its consent record).
        if (shownData.current) void exportMyData(true).then(setMyData, () => undefined)
        return { ok: true, value: updated.marketingConsent }
      } catch (e) {
        return { ok: false, message: errorMessage(e) }
      } finally {
        setSavingConsent(false)
      }
    },
    [setData],
  )

  const loadMyData = useCallback(async () => {
    setExporting(true)
    try {
      setMyData(await exportMyData())
      setExportError(null)
    } catch (e) {
      setExportError(asApiError(e))
    } finally {
      setExporting(false)
    }
  }, [])

  const erase = useCallback(async (): Promise<Outcome<ErasureResult>> => {
    setErasing(true)
    try {
      return { ok: true, value: await eraseMyAccount() }
    } catch (e) {
      return { ok: false, message: errorMessage(e) }
    } finally {
      setErasing(false)
    }
  }, [])

  return { card, savingConsent, changeMarketingConsent, myData, exporting, exportError, loadMyData, erase, erasing }
}
