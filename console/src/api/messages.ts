/** Chinese messages for the API's error codes as the console meets them; any other code is named in a general message. */
const MESSAGES: Record<string, string> = {
  VALIDATION_FAILED: '填写的信息有误，请按提示修改',
  UNAUTHENTICATED: '登录已过期，请重新登录',
  FORBIDDEN: '没有权限进行此操作',
  CONSOLE_NOT_ALLOWED: '该员工账号没有控制台权限（收银员请使用小程序收银台）',
  NOT_FOUND: '内容不存在或已删除',
  VERSION_CONFLICT: '规则已被他人修改，请刷新后再保存',
  STORE_EXISTS: '门店编号已存在',
  STORE_NOT_FOUND: '门店不存在',
  OUT_OF_STOCK: '库存不足',
  INSUFFICIENT_POINTS: '积分不足，无法扣减',
  STORE_CLOSED: '门店已关闭',
  ENROLMENT_CODE_INVALID: '团体码无效或不在有效期内',
  ENROLMENT_CODE_USED_UP: '团体码名额已用完',
  STATUS_MATCH_DONE: '该会员已办理过身份匹配',
  STATUS_MATCH_NOT_HIGHER: '匹配的等级须高于会员当前等级',
  CAMPAIGN_STATE: '活动状态已变化，请刷新后再试',
  UNDER_MINIMUM_AGE: '会员未满最低入会年龄，请核对生日',
  BIRTHDAY_CHANGE_NOT_ALLOWED: '生日不能改到本月或下个月',
  IDEMPOTENCY_KEY_REUSED: '这次操作与之前的一次请求冲突，请关闭窗口后重新操作',
  THROTTLED: '操作太频繁，请稍后再试',
  PAYLOAD_TOO_LARGE: '提交的内容过大',
  NETWORK_ERROR: '网络不可用，请检查连接后重试',
  INVALID_RESPONSE: '服务返回了无法识别的数据，请刷新重试',
  INTERNAL: '服务暂时不可用，请稍后重试',
}

export const messageFor = (code: string, _details?: unknown): string => MESSAGES[code] ?? `操作未能完成（${code}），请稍后重试或联系管理员`
