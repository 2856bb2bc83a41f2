/** A member's tier as a tag: gold for a tier, grey for 待开卡 (no card yet). */
import Tag from 'antd/es/tag'
import Tooltip from 'antd/es/tooltip'
import { isPendingTier } from './labels'

export default function TierTag({ tier, testId }: { tier: { code: string; name: string }; testId?: string }) {
  if (isPendingTier(tier))
    return (
      <Tooltip title="已注册，尚未完成开卡消费">
        <Tag data-testid={testId} data-tier="">
          {tier.name}
        </Tag>
      </Tooltip>
    )
  return (
    <Tag color="gold" data-testid={testId} data-tier={tier.code}>
      {tier.name}
    </Tag>
  )
}
