// Province + city options for mainland China, from element-china-area-data.
import { regionData } from 'element-china-area-data'

// The four municipalities list districts under a "市辖区" level; we show the city itself.
const MUNICIPALITIES = new Set(['11', '12', '31', '50'])
// Placeholder levels whose children are county-level cities governed by the province directly.
const DIRECT_LEVELS = new Set(['省直辖县级行政区划', '自治区直辖县级行政区划'])

const toCode6 = (code) => String(code).padEnd(6, '0')

function citiesOf(province) {
  if (MUNICIPALITIES.has(province.value)) {
    return [{ value: toCode6(province.value + '01'), label: province.label }]
  }
  return (province.children || []).flatMap((city) =>
    DIRECT_LEVELS.has(city.label)
      ? (city.children || []).map((c) => ({ value: toCode6(c.value), label: c.label }))
      : [{ value: toCode6(city.value), label: city.label }],
  )
}

/** Cascader options: [{value: "44", label: "广东省", children: [{value: "440100", label: "广州市"}]}] */
export const regionOptions = regionData.map((p) => ({ value: p.value, label: p.label, children: citiesOf(p) }))

/** Cascader path [provinceCode, cityCode] → {province, city, code}, or null. */
export function regionFromPath(path) {
  if (!Array.isArray(path) || path.length < 2) return null
  const province = regionOptions.find((p) => p.value === path[0])
  const city = province?.children.find((c) => c.value === path[1])
  return province && city ? { province: province.label, city: city.label, code: city.value } : null
}

/** {province, city, code} → cascader path; matches by code first, then by names. */
export function pathFromRegion(region) {
  if (!region) return []
  for (const province of regionOptions) {
    const byCode = region.code && province.children.find((c) => c.value === region.code)
    if (byCode) return [province.value, byCode.value]
  }
  const province = regionOptions.find((p) => p.label === region.province)
  const city = province?.children.find((c) => c.label === region.city)
  return province && city ? [province.value, city.value] : []
}

/** "广东省 / 广州市" for display. */
export function regionText(region) {
  if (!region || (!region.province && !region.city)) return '—'
  if (region.province === region.city) return region.province
  return [region.province, region.city].filter(Boolean).join(' / ')
}
