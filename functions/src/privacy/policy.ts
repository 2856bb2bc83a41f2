/**
 * The privacy policy the app shows (GET /v1/privacy-policy): it says only what the system
 * does. Its version is the program's `privacyPolicyVersion`; members accept it when joining
 * and again after it changes.
 */
import type { PrivacyPolicy } from '@huiyuan/shared/privacy/schemas'

const SECTIONS: PrivacyPolicy['sections'] = [
  {
    title: '一、我们收集哪些信息',
    body:
      '加入会员时，我们收集你的姓名、手机号、生日和性别，以及你加入的门店；你使用微信登录时，我们获得微信为本小程序分配的用户标识（openid），用于识别你的会员身份。' +
      '你在门店消费、签到、领取和使用优惠券时，我们记录相应的交易和积分变动，用于计算积分、等级和权益。我们不收集你的通讯录、位置、相册等与会员服务无关的信息。',
  },
  {
    title: '二、我们如何保护你的信息',
    body:
      '你的手机号加密保存，门店店员只能看到打码后的号码（如 138****1234）和卡号尾号。总部工作人员查看完整手机号需要单独操作并填写原因，每次都会留下审计记录；手工调整积分也会记录在案。' +
      '会员码每分钟更新一次，截图过期后无法使用。',
  },
  {
    title: '三、营销信息',
    body: '是否接收优惠活动信息由你单独选择，与加入会员无关；不同意也能正常使用全部会员功能。你可以随时在「隐私中心」关闭，关闭后立即停止向你发送营销信息。积分到期、优惠券到期等服务通知不属于营销信息。',
  },
  {
    title: '四、你的权利',
    body:
      '查阅与导出：在「隐私中心」可以随时查看并导出我们保存的你的全部个人信息。' +
      '更正：姓名、性别可以随时修改；生日可以自行更正一次，之后如需修改请到门店由店员办理。' +
      '删除：在「隐私中心」可以注销会员。注销后你的姓名、手机号、生日等个人信息立即删除，无法恢复；交易和积分流水按财务要求保留，但不再包含任何个人信息。你的微信以后仍可重新加入，成为新会员。',
  },
  {
    title: '五、政策更新',
    body: '本政策更新时，我们会在你下次使用时提示你重新阅读并同意，你每次同意的版本和时间都会被记录。如有疑问，请联系门店或客服。',
  },
]

export const privacyPolicy = (version: string): PrivacyPolicy => ({ version, sections: SECTIONS })
