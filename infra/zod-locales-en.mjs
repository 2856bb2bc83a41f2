// Stands in for zod's `locales/index.js` in bundles (Lambda and mini-program). zod sets
// English as its default message locale by importing `locales/en.js` directly; the index
// only backs `z.locales.*`, which Huiyuan never calls, and holds ~60 languages (~250 KB
// minified) that would otherwise ship in every Lambda and in the WeChat main package.
export { default as en } from 'zod/v4/locales/en.js'
