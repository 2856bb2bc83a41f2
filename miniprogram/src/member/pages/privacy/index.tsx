import { View, Text } from '@tarojs/components'
import { PRIVACY_POLICY_VERSION } from '../../../config'
import './index.scss'

const SECTIONS: { title: string; paragraphs: string[] }[] = [
  {
    title: '一、我们收集哪些信息',
    paragraphs: [
      '加入会员时，我们收集你的姓名、手机号、生日和性别，以及你加入的门店；你使用微信登录时，我们获得微信为本小程序分配的用户标识（openid），用于识别你的会员身份。',
      '你在门店消费、签到、领取和使用优惠券、储值时，我们记录相应的交易和积分变动，用于计算积分、等级和权益。',
      '我们不收集你的通讯录、位置、相册等与会员服务无关的信息。',
    ],
  },
  {
    title: '二、我们如何保护你的信息',
    paragraphs: [
      '你的手机号经加密后保存，门店店员和营销人员只能看到打码后的号码（如 138****1234）。',
      '店员只能看到收银所需的最少信息；工作人员每次查看会员个人信息、每次手工调整积分都会留下审计记录。',
      '会员码每分钟更新一次，截图在过期后无法使用，防止他人冒用你的会员身份。',
    ],
  },
  {
    title: '三、营销信息',
    paragraphs: [
      '是否接收优惠活动信息由你单独选择，与加入会员无关；不同意也能正常使用全部会员功能。',
      '你可以随时在个人设置中关闭；关闭后我们不再向你发送营销信息。积分到期、优惠券到期等服务通知不属于营销信息。',
      '我们不会在 21:00 至次日 09:00 之间发送营销信息，且每 7 天最多发送 2 条。',
    ],
  },
  {
    title: '四、你的权利',
    paragraphs: [
      '查阅与导出：你可以随时导出你的全部个人信息（JSON 格式）。',
      '更正：你可以修改姓名、生日、性别等资料。',
      '删除：你可以注销会员并删除个人信息。注销后，我们只保留法律法规和财务核算要求保留的记录，并做匿名化处理。',
    ],
  },
  {
    title: '五、政策更新',
    paragraphs: ['本政策更新时，我们会在你下次使用时提示你重新阅读并同意。如有疑问，请联系门店或客服。'],
  },
]

export default function PrivacyPage() {
  return (
    <View className="hy-page privacy" id="privacy-policy">
      <Text className="privacy__title">会员隐私政策</Text>
      <Text className="privacy__version" id="privacy-version">
        版本 {PRIVACY_POLICY_VERSION}
      </Text>
      <Text className="privacy__intro">
        我们非常重视你的个人信息。本政策说明在你加入和使用会员服务时，我们收集哪些信息、如何使用和保护，以及你拥有的权利。
      </Text>
      {SECTIONS.map((s) => (
        <View key={s.title} className="hy-section privacy__section">
          <Text className="hy-section__title">{s.title}</Text>
          {s.paragraphs.map((p) => (
            <Text key={p} className="privacy__p">
              {p}
            </Text>
          ))}
        </View>
      ))}
    </View>
  )
}
