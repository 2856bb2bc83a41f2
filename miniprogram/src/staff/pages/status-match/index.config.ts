export default definePageConfig({
  navigationBarTitleText: '身份匹配',
})
