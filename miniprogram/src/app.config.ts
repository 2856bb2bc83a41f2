export default defineAppConfig({
  pages: [
    'pages/home/index',
    'pages/join/index',
    'pages/checkin/index',
    'pages/points/index',
    'pages/benefits/index',
    'pages/privacy/index',
    'pages/offers/index',
    'pages/coupons/index',
    'pages/coupon/index',
    'pages/mall/index',
    'pages/inbox/index',
  ],
  subPackages: [
    { root: 'staff', name: 'staff', pages: ['pages/index/index', 'pages/refund/index', 'pages/today/index', 'pages/redeem/index'] },
    { root: 'admin', name: 'admin', pages: ['pages/index/index'] },
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '会员中心',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f5f6f8',
  },
})
