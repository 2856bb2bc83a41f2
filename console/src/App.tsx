/** Routes: the sign-in page, and every area inside the console's frame (pages load when first opened). */
import { createBrowserRouter, RouterProvider } from 'react-router'
import { lazy } from 'react'
import ConsoleLayout from './app/Layout'
import { AREAS } from './app/nav'

const LoginPage = lazy(() => import('./pages/login/LoginPage'))

const router = createBrowserRouter([
  { path: '/login', Component: LoginPage },
  {
    path: '/',
    Component: ConsoleLayout,
    children: AREAS.flatMap((a) => [
      a.path === '/' ? { index: true, Component: a.page } : { path: a.path.slice(1), Component: a.page },
      ...(a.children ?? []).map((c) => ({ path: `${a.path.slice(1)}/${c.path}`, Component: c.page })),
    ]),
  },
  { path: '*', Component: lazy(() => import('./pages/NotFound')) },
])

export default function App() {
  return <RouterProvider router={router} />
}
