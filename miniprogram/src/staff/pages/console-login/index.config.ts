export default definePageConfig({
  navigationBarTitleText: '扫码登录控制台',
})
