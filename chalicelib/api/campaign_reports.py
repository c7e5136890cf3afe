"""活动效果 (a campaign's report) and 客户详情 › 短信记录 (a customer's messages)."""
from chalice import Blueprint

from chalicelib.api.contracts import responses
from chalicelib.api.http import route
from chalicelib.domain.roles import TENANT_READ
from chalicelib.services.campaigns import customer_messages, report

bp = Blueprint(__name__)


@route(bp, "/api/campaigns/{campaign_id}/report", roles=TENANT_READ, response=responses.CampaignReport)
def campaign_report(campaign_id, caller):
    return report.report(caller.tenant_id, campaign_id, caller.store)


@route(bp, "/api/customers/{code}/messages", roles=TENANT_READ, response=responses.CustomerMessages)
def customer_messages_list(code, caller):
    return customer_messages.of_customer(caller.tenant_id, code, caller.store)
