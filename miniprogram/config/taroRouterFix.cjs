/**
 * webpack loader for @tarojs/router's H5 bundle (4.2.1): going back to a page while the
 * timer that hides it (set when the next page was opened: animation + delay, 350 ms) is
 * still pending left that timer running, so the page was shown and then hidden again
 * (`taro_page_shade`): a blank screen with the right URL. The fix: showing a page cancels
 * a pending hide of that same page. The build fails if the router's code no longer
 * matches, so an upgrade of Taro has to look at this again.
 */
const SHOW = /(\n\s*show\(page, pageConfig = \{\}, pageNo = 0\) \{\n\s*var _a, _b;\n\s*if \(!page\)\n\s*return;\n)/

module.exports = function taroRouterFix(source) {
  if (!SHOW.test(source)) {
    throw new Error('taroRouterFix: PageHandler.show not found in @tarojs/router; check the fix against this Taro version')
  }
  return source.replace(
    SHOW,
    '$1        if (this.hideTimer && this.lastHidePage === this.getPageContainer(page)) {\n' +
      '            clearTimeout(this.hideTimer);\n' +
      '            this.hideTimer = null;\n' +
      '        }\n',
  )
}
