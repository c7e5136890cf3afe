// Regions as segment rules name them: the text customers carry ("广东省/深圳市/南山区"), matched from its start,
// so "广东省" is the whole province and "广东省/深圳市" one city.
import { regionOptions } from '@/shared/region'

/** Cascader options whose values are the names themselves. */
export const regionNameOptions = regionOptions.map((province) => ({
  value: province.label,
  label: province.label,
  children: province.children.map((city) => ({ value: city.label, label: city.label })),
}))

/** A cascader path → the rule's text; a municipality's one city is the province itself. */
export const regionFromPath = ([province, city] = []) => (!city || city === province ? province : `${province}/${city}`)

/** The rule's text → a cascader path. */
export function pathFromRegion(text) {
  const [province, city] = String(text || '').split('/')
  if (city) return [province, city]
  const known = regionNameOptions.find((p) => p.value === province)
  return known?.children.length === 1 && known.children[0].value === province ? [province, province] : [province]
}
