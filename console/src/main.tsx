/** The console's entry: antd and dates in Chinese, form checks in Chinese, server state through react-query. */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import App from 'antd/es/app'
import ConfigProvider from 'antd/es/config-provider'
import zhCN from 'antd/es/locale/zh_CN'
import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'
import { StrictMode, Suspense } from 'react'
import { createRoot } from 'react-dom/client'
import { z } from 'zod'
import zodZhCN from 'zod/v4/locales/zh-CN.js'
import { isApiError } from './api/client'
import ConsoleApp from './App'
import { Loading } from './components/states'

dayjs.locale('zh-cn')
z.config(zodZhCN())

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      refetchOnWindowFocus: false,
      // A refusal is an answer; only a network failure or a 5xx is worth another try.
      retry: (n, e) => n < 2 && (!isApiError(e) || e.status === 0 || e.status >= 500),
    },
  },
})

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} theme={{ token: { colorPrimary: '#c8102e', borderRadius: 6 } }}>
      <App>
        <QueryClientProvider client={queryClient}>
          <Suspense fallback={<Loading rows={10} />}>
            <ConsoleApp />
          </Suspense>
        </QueryClientProvider>
      </App>
    </ConfigProvider>
  </StrictMode>,
)
