/**
 * 入会二维码: what a shopper scans in the store to join. On WeChat the API gives a
 * mini-program code image; on the local stack a link, drawn here as a QR. Either downloads
 * as a 1024 px PNG with the store's name under it, ready to print.
 */
import DownloadOutlined from '@ant-design/icons/DownloadOutlined'
import { useQuery } from '@tanstack/react-query'
import App from 'antd/es/app'
import Button from 'antd/es/button'
import QRCode from 'antd/es/qr-code'
import Space from 'antd/es/space'
import Typography from 'antd/es/typography'
import { useRef, useState } from 'react'
import { api } from '../../api/client'
import { QueryState } from '../../components/states'
import { downloadDataUrl, loadImage, PRINT_CODE_SIZE, printablePng } from './joinQr'
import type { AdminStore } from './useStores'

const SUBTITLE = '微信扫码 · 加入会员'

export default function JoinCode({ store }: { store: AdminStore }) {
  const { message } = App.useApp()
  const printRef = useRef<HTMLDivElement>(null)
  const [saving, setSaving] = useState(false)
  const code = useQuery({
    queryKey: ['stores', store.storeId, 'join-code'],
    queryFn: () => api.call('getStoreJoinCode', { params: { storeId: store.storeId } }),
    staleTime: 5 * 60_000,
  })

  const download = async () => {
    const c = code.data
    if (!c) return
    setSaving(true)
    try {
      const label = { title: store.name, subtitle: SUBTITLE }
      let png: string
      if (c.kind === 'wxacode' && c.pngBase64) {
        png = printablePng(await loadImage(`data:image/png;base64,${c.pngBase64}`), label, true)
      } else {
        const canvas = printRef.current?.querySelector('canvas')
        if (!canvas) throw new Error('no QR canvas')
        png = printablePng(canvas, label, false)
      }
      downloadDataUrl(`入会二维码-${store.storeId}-${store.name}.png`, png)
      message.success('已下载入会二维码（1024 像素 PNG，可直接打印）')
    } catch {
      message.error('生成图片失败，请重试')
    } finally {
      setSaving(false)
    }
  }

  return (
    <QueryState query={code} rows={4}>
      {(c) => {
        const value = c.kind === 'link' ? c.url : undefined
        const image = c.kind === 'wxacode' && c.pngBase64 ? `data:image/png;base64,${c.pngBase64}` : undefined
        return (
          <div style={{ display: 'flex', gap: 32, alignItems: 'flex-start' }} data-testid="join-code">
            <div style={{ textAlign: 'center', width: 220, flex: 'none' }}>
              {image ? (
                <img src={image} alt={`${store.name}入会小程序码`} width={200} height={200} data-testid="join-wxacode" />
              ) : value ? (
                <QRCode type="canvas" value={value} size={200} errorLevel="M" data-testid="join-qr" style={{ margin: '0 auto' }} />
              ) : (
                <Typography.Text type="warning">服务未返回二维码内容</Typography.Text>
              )}
              <Typography.Title level={5} style={{ margin: '10px 0 0' }}>
                {store.name}
              </Typography.Title>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {SUBTITLE}
              </Typography.Text>
            </div>
            <Space orientation="vertical" size={12} style={{ flex: 1, minWidth: 0 }}>
              <Typography.Text>
                {image ? '这是微信小程序码，' : '本地环境：二维码内容是 H5 入会链接，'}顾客扫码后直接进入本店的入会页面，入会门店记为「
                {store.name}」。
              </Typography.Text>
              <Typography.Text type="secondary">
                场景值 <Typography.Text code>{c.scene}</Typography.Text>
              </Typography.Text>
              {value && (
                <Typography.Paragraph
                  type="secondary"
                  copyable={{ text: value, tooltips: ['复制链接', '已复制'] }}
                  style={{ margin: 0, wordBreak: 'break-all' }}
                >
                  {value}
                </Typography.Paragraph>
              )}
              {!store.active && <Typography.Text type="warning">门店已关闭：扫码入会会被拒绝。</Typography.Text>}
              <Button
                icon={<DownloadOutlined />}
                onClick={() => void download()}
                loading={saving}
                disabled={!value && !image}
                data-testid="join-download"
              >
                下载 PNG（打印用）
              </Button>
            </Space>
            {value && (
              <div ref={printRef} aria-hidden style={{ position: 'fixed', left: -10_000, top: 0 }}>
                <QRCode type="canvas" value={value} size={PRINT_CODE_SIZE} errorLevel="M" bordered={false} />
              </div>
            )}
          </div>
        )
      }}
    </QueryState>
  )
}
