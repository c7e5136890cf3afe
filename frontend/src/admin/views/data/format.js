// Figures of 系统数据管理 as people read them.

/** 1536 → "1.5 KB". */
export function formatBytes(bytes) {
  const value = Number(bytes) || 0
  if (value < 1024) return `${value} B`
  const units = ['KB', 'MB', 'GB', 'TB']
  let size = value / 1024
  let unit = 0
  while (size >= 1024 && unit < units.length - 1) {
    size /= 1024
    unit += 1
  }
  return `${size.toFixed(1)} ${units[unit]}`
}

export const formatCount = (value) => (Number(value) || 0).toLocaleString('zh-CN')

/** What a tenant stores, in the order the card and the deletion step show it. */
export const STORED_ITEMS = [
  ['customers', '客户'], ['orders', '订单'], ['analyses', '分析'], ['segments', '人群'], ['campaigns', '营销活动'],
  ['sms_messages', '短信记录'], ['sms_templates', '短信模板'], ['opt_outs', '退订台账'], ['imports', '导入记录'],
  ['files', '存储文件'],
]

/** Days, hours and minutes until `iso` ("6 天 23 小时"), or '' once it has passed. */
export function timeLeft(iso, now = Date.now()) {
  const ms = new Date(iso).getTime() - now
  if (!(ms > 0)) return ''
  const minutes = Math.floor(ms / 60000)
  const days = Math.floor(minutes / 1440)
  const hours = Math.floor((minutes % 1440) / 60)
  return days ? `${days} 天 ${hours} 小时` : `${hours} 小时 ${minutes % 60} 分`
}
