"""SMS housekeeping on a schedule: the provider's template reviews."""
from chalice import Blueprint, Rate

from chalicelib.observability import observed
from chalicelib.services.sms import template_review

bp = Blueprint(__name__)


@bp.schedule(Rate(5, unit=Rate.MINUTES), name="template_reviews", description="每 5 分钟向短信服务商查询审核中的短信模板")
@observed("template_reviews", quiet=True)
def template_reviews(event):
    template_review.poll()
