/**
 * 团体码二维码: the join QR an organisation hands its members. It is the code's store's join
 * link with the code's scene (`s=<store>&g=<code>`), drawn as a QR and downloadable as a
 * print-ready PNG with the organisation's name under it (as the stores' join QR).
 */
import DownloadOutlined from '@ant-design/icons/DownloadOutlined'
import { useQuery } from '@tanstack/react-query'
import Alert from 'antd/es/alert'
import App from 'antd/es/app'
import Button from 'antd/es/button'
import Modal from 'antd/es/modal'
import QRCode from 'antd/es/qr-code'
import Space from 'antd/es/space'
import Typography from 'antd/es/typography'
import { useRef, useState } from 'react'
import { api, type ResponseOf } from '../../api/client'
import { QueryState } from '../../components/states'
import { downloadDataUrl, PRINT_CODE_SIZE, printablePng } from '../stores/joinQr'
import { STATUS } from './labels'

export type EnrolmentCode = ResponseOf<'listEnrolmentCodes'>['items'][number]

/** The store's H5 join link with the enrolment code's scene in place of the store's own. */
export const enrolmentJoinLink = (storeLink: string, scene: string): string => {
  const withScene = storeLink.replace(/([?&]scene=)[^&#]*/, `$1${encodeURIComponent(scene)}`)
  return withScene === storeLink && !/[?&]scene=/.test(storeLink)
    ? `${storeLink}${storeLink.includes('?') ? '&' : '?'}scene=${encodeURIComponent(scene)}`
    : withScene
}

const subtitleOf = (c: EnrolmentCode) => `微信扫码 · 团体入会（${c.tier.name}）`

function EnrolmentQrBody({ code, storeName }: { code: EnrolmentCode; storeName: string }) {
  const { message } = App.useApp()
  const printRef = useRef<HTMLDivElement>(null)
  const [saving, setSaving] = useState(false)
  const storeCode = useQuery({
    queryKey: ['stores', code.storeId, 'join-code'],
    queryFn: () => api.call('getStoreJoinCode', { params: { storeId: code.storeId } }),
    staleTime: 5 * 60_000,
    retry: false,
  })

  const download = () => {
    setSaving(true)
    try {
      const canvas = printRef.current?.querySelector('canvas')
      if (!canvas) throw new Error('no QR canvas')
      const png = printablePng(canvas, { title: code.organisation, subtitle: subtitleOf(code) }, false)
      downloadDataUrl(`团体码-${code.code}-${code.organisation}.png`, png)
      message.success('已下载团体码二维码（1024 像素 PNG，可直接打印）')
    } catch {
      message.error('生成图片失败，请重试')
    } finally {
      setSaving(false)
    }
  }

  return (
    <QueryState query={storeCode} rows={4}>
      {(s) => {
        const link = s.kind === 'link' && s.url ? enrolmentJoinLink(s.url, code.scene) : undefined
        return (
          <div style={{ display: 'flex', gap: 28, alignItems: 'flex-start' }} data-testid="enrolment-qr">
            <div style={{ textAlign: 'center', width: 220, flex: 'none' }}>
              {link ? (
                <QRCode type="canvas" value={link} size={200} errorLevel="M" style={{ margin: '0 auto' }} />
              ) : (
                <Typography.Text type="warning">此环境使用微信小程序码，团体码的小程序码需由服务端生成</Typography.Text>
              )}
              <Typography.Title level={5} style={{ margin: '10px 0 0' }}>
                {code.organisation}
              </Typography.Title>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {subtitleOf(code)}
              </Typography.Text>
            </div>
            <Space orientation="vertical" size={10} style={{ flex: 1, minWidth: 0 }}>
              <Typography.Text>
                成员扫码进入「{storeName}」的入会页面，入会后标记为「{code.organisation}」，起始等级为{code.tier.name}。
              </Typography.Text>
              <Space size={20} wrap>
                <Typography.Text type="secondary">
                  团体码{' '}
                  <Typography.Text code copyable={{ text: code.code, tooltips: ['复制团体码', '已复制'] }}>
                    {code.code}
                  </Typography.Text>
                </Typography.Text>
                <Typography.Text type="secondary">
                  场景值 <Typography.Text code>{code.scene}</Typography.Text>
                </Typography.Text>
              </Space>
              {link && (
                <Typography.Paragraph
                  type="secondary"
                  copyable={{ text: link, tooltips: ['复制链接', '已复制'] }}
                  style={{ margin: 0, wordBreak: 'break-all' }}
                  data-testid="enrolment-link"
                >
                  {link}
                </Typography.Paragraph>
              )}
              {code.status !== 'active' && (
                <Alert type="warning" showIcon title={`该团体码${STATUS[code.status].text}：现在扫码入会会被拒绝。`} />
              )}
              <Button icon={<DownloadOutlined />} onClick={download} loading={saving} disabled={!link} data-testid="enrolment-download">
                下载 PNG（打印用）
              </Button>
            </Space>
            {link && (
              <div ref={printRef} aria-hidden style={{ position: 'fixed', left: -10_000, top: 0 }}>
                <QRCode type="canvas" value={link} size={PRINT_CODE_SIZE} errorLevel="M" bordered={false} />
              </div>
            )}
          </div>
        )
      }}
    </QueryState>
  )
}

export default function EnrolmentQrModal({
  code,
  storeName,
  onClose,
}: {
  code: EnrolmentCode | null
  storeName: string
  onClose: () => void
}) {
  return (
    <Modal
      title={code ? `团体码二维码：${code.organisation}` : ''}
      open={Boolean(code)}
      onCancel={onClose}
      footer={
        <Button onClick={onClose} data-testid="enrolment-qr-close">
          关闭
        </Button>
      }
      width={680}
      destroyOnHidden
    >
      {code && <EnrolmentQrBody code={code} storeName={storeName} />}
    </Modal>
  )
}
