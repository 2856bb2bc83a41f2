/**
 * The main package holds the pages a member needs first (home, join, check-in); the rest
 * are subpackages by area, downloaded when first opened (WeChat caps the main package at
 * 2 MB; ours stays under 600 KB, see tests/weapp). Page URLs: src/paths.ts.
 */
export default defineAppConfig({
  pages: ['pages/home/index', 'pages/join/index', 'pages/checkin/index'],
  subPackages: [
    {
      root: 'member',
      name: 'member',
      pages: [
        'pages/points/index',
        'pages/stored-value/index',
        'pages/referral/index',
        'pages/leaderboard/index',
        'pages/benefits/index',
        'pages/inbox/index',
        'pages/privacy/index',
        'pages/privacy-centre/index',
      ],
    },
    { root: 'coupons', name: 'coupons', pages: ['pages/offers/index', 'pages/wallet/index', 'pages/coupon/index', 'pages/mall/index'] },
    {
      root: 'staff',
      name: 'staff',
      pages: [
        'pages/index/index',
        'pages/refund/index',
        'pages/today/index',
        'pages/redeem/index',
        'pages/top-up/index',
        'pages/status-match/index',
        'pages/console-login/index',
      ],
    },
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
