"""The import-job lifecycle table: every step from every status either leads where the table says or is refused."""
import pytest

from chalicelib.domain import import_job_status as lifecycle
from chalicelib.domain.import_job_status import (
    COMPLETED,
    EXPIRED,
    FAILED,
    OPEN_STATUSES,
    QUEUED,
    REJECTED,
    ROLLED_BACK,
    RUNNING,
    STATUSES,
    TRANSITIONS,
    WAITING_UPLOAD,
    next_status,
)
from chalicelib.errors import Conflict

EXPECTED = {  # step -> {status it may start from: status it leads to}
    "queue": {WAITING_UPLOAD: QUEUED},
    "start": {WAITING_UPLOAD: RUNNING, QUEUED: RUNNING, RUNNING: RUNNING},
    "complete": {RUNNING: COMPLETED},
    "reject": {WAITING_UPLOAD: REJECTED, QUEUED: REJECTED, RUNNING: REJECTED},
    "fail": {WAITING_UPLOAD: FAILED, QUEUED: FAILED, RUNNING: FAILED},
    "give_up_waiting": {WAITING_UPLOAD: FAILED, QUEUED: FAILED},
    "roll_back": {COMPLETED: ROLLED_BACK},
    "expire": {WAITING_UPLOAD: EXPIRED},
}


@pytest.mark.parametrize("step", sorted(TRANSITIONS))
@pytest.mark.parametrize("current", STATUSES)
def test_every_step_from_every_status_leads_where_the_table_says_or_is_refused(current, step):
    if current in EXPECTED[step]:
        assert next_status(current, step) == EXPECTED[step][current]
    else:
        with pytest.raises(Conflict) as refused:
            next_status(current, step)
        assert refused.value.code == "INVALID_TRANSITION"
        assert lifecycle.STATUS_LABELS[current] in refused.value.message


def test_the_table_has_exactly_the_expected_steps():
    assert set(TRANSITIONS) == set(EXPECTED)


def test_expired_is_reachable_only_from_waiting_for_the_upload():
    into_expired = {(status, step) for step, (sources, target) in TRANSITIONS.items() if target == EXPIRED
                    for status in sources}
    assert into_expired == {(WAITING_UPLOAD, "expire")}


def test_expired_and_the_other_finished_statuses_lead_nowhere_but_a_rollback_of_a_completed_import():
    leaving = {(status, step) for step, (sources, _) in TRANSITIONS.items() for status in sources
               if status not in OPEN_STATUSES}
    assert leaving == {(COMPLETED, "roll_back")}


def test_every_status_has_a_chinese_label_and_expired_reads_yi_guo_qi():
    assert set(lifecycle.STATUS_LABELS) == set(STATUSES)
    assert lifecycle.STATUS_LABELS[EXPIRED] == "已过期"


def test_an_unknown_step_is_refused():
    with pytest.raises(Conflict):
        next_status(WAITING_UPLOAD, "teleport")
