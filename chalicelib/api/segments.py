"""人群圈选: saved segments, live counts, members, call lists, and batch tag changes."""
from chalice import Blueprint

from chalicelib.api.contracts import responses
from chalicelib.api.exports import link_or_job
from chalicelib.api.http import body, query_int, route
from chalicelib.domain.roles import TENANT_EDIT, TENANT_EXPORT, TENANT_READ
from chalicelib.domain.segments.requests import RulesRequest, SegmentRequest, TagBatchRequest
from chalicelib.services.segments import batch_tags, call_list, saved

bp = Blueprint(__name__)


@route(bp, "/api/segments", roles=TENANT_READ, response=responses.SegmentsResponse)
def list_segments(caller):
    return saved.list_segments(caller.tenant_id, caller.store)


@route(bp, "/api/segments", methods=["POST"], roles=TENANT_EDIT, status=201, request=SegmentRequest,
       response=responses.Segment)
def create_segment(caller):
    return saved.create(caller.tenant_id, caller.username, body(bp, SegmentRequest))


@route(bp, "/api/segments/count", methods=["POST"], roles=TENANT_READ, request=RulesRequest,
       response=responses.SegmentCount)
def count(caller):
    return saved.count(caller.tenant_id, body(bp, RulesRequest).rules, caller.store)


@route(bp, "/api/segments/export", methods=["POST"], roles=TENANT_EXPORT, request=RulesRequest, also=(202,),
       response=responses.LinkOrJob)
def export_rules(caller):
    return link_or_job(call_list.export_rules(caller.tenant_id, caller.username, body(bp, RulesRequest).rules,
                                              caller.store, caller.mobile_visible))


@route(bp, "/api/segments/{segment_id}", roles=TENANT_READ, response=responses.Segment)
def get_segment(segment_id, caller):
    return saved.get(caller.tenant_id, segment_id, caller.store)


@route(bp, "/api/segments/{segment_id}", methods=["PUT"], roles=TENANT_EDIT, request=SegmentRequest,
       response=responses.Segment)
def update_segment(segment_id, caller):
    return saved.update(caller.tenant_id, segment_id, caller.username, body(bp, SegmentRequest))


@route(bp, "/api/segments/{segment_id}", methods=["DELETE"], roles=TENANT_EDIT, response=responses.SegmentDeleted)
def delete_segment(segment_id, caller):
    return saved.delete(caller.tenant_id, segment_id, caller.username)


@route(bp, "/api/segments/{segment_id}/members", roles=TENANT_READ, response=responses.MembersPage)
def members(segment_id, caller):
    return saved.members(caller.tenant_id, segment_id, query_int(bp, "page", 1), query_int(bp, "size", 20),
                         caller.store, caller.mobile_visible)


@route(bp, "/api/segments/{segment_id}/export", methods=["POST"], roles=TENANT_EXPORT, also=(202,),
       response=responses.LinkOrJob)
def export_segment(segment_id, caller):
    return link_or_job(call_list.export_segment(caller.tenant_id, caller.username, segment_id, caller.store,
                                                caller.mobile_visible))


@route(bp, "/api/customers/tags", methods=["POST"], roles=TENANT_EDIT, request=TagBatchRequest,
       response=responses.TagChange)
def change_tags(caller):
    return batch_tags.change_tags(caller.tenant_id, caller.username, body(bp, TagBatchRequest), caller.store)
