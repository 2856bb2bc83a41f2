export default definePageConfig({
  navigationBarTitleText: '邀请有礼',
  // WeChat's share menu (转发) and the 分享给好友 button: useShareAppMessage gives the invitation.
  enableShareAppMessage: true,
})
