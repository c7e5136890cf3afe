// The 新建短信活动 form's pure parts: the rules a link carries and the request body. No '@/' imports (node tests).

/** The rules in the page's ?rules= (JSON), or null when there are none or they cannot be read. */
export function queryRules(text) {
  if (typeof text !== 'string' || !text) return null
  try {
    const rules = JSON.parse(text)
    return rules && typeof rules === 'object' && (rules.all || rules.any) ? rules : null
  } catch {
    return null
  }
}

/** POST /api/campaigns's body: the rules or the segment, the hold-out as a share, send_at as ISO UTC. */
export function campaignBody(form, rules) {
  const body = {
    name: form.name.trim(),
    template_id: form.template_id,
    holdout_share: Math.round(Number(form.holdout_percent) || 0) / 100,
  }
  if (rules) body.rules = rules
  else body.segment_id = form.segment_id
  if (form.plan_id) body.plan_id = form.plan_id
  if (form.timing === 'at' && form.send_at) body.send_at = new Date(form.send_at).toISOString()
  return body
}
