/** The program's rules and stores as several pages read them (one cache entry each). */
import { useQuery } from '@tanstack/react-query'
import { api } from '../../api/client'

export const PROGRAM_KEY = ['program'] as const
export const STORES_KEY = ['stores', 'public'] as const

export const useProgram = () => useQuery({ queryKey: PROGRAM_KEY, queryFn: () => api.call('getProgram') })

/** Every store (names for selects and tables). */
export const useStores = () => useQuery({ queryKey: STORES_KEY, queryFn: () => api.call('listStores'), staleTime: 300_000 })

/** The tiers, lowest first, for selects and labels (empty until loaded). */
export const useTiers = () => {
  const program = useProgram()
  return program.data?.rules.tiers ?? []
}
