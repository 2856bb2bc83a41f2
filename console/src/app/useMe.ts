/** The signed-in staff member (GET /v1/console/me), or undefined before sign-in. */
import { useQuery } from '@tanstack/react-query'
import { api } from '../api/client'
import { session } from './session'

export const ME_KEY = ['console', 'me'] as const

export const useMe = () =>
  useQuery({
    queryKey: ME_KEY,
    queryFn: () => api.call('getConsoleMe'),
    enabled: Boolean(session.read()),
    staleTime: 60_000,
    retry: false,
  })
