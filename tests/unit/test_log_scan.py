"""The integration suite's log scan (tests/log_scan.py) finds a planted mobile wherever the code logs it."""
import logging

from chalicelib.observability import log_context, logger, mask_mobile
from tests.log_scan import LogCapture


def test_a_mobile_in_a_message_of_the_shared_logger_is_found():
    with LogCapture() as capture:
        logger.info("sent to %s", "13912345678")
        logger.info("sent to %s", mask_mobile("13912345678"))
    assert len(capture.with_mobiles()) == 1 and "13912345678" in capture.with_mobiles()[0]


def test_a_mobile_in_a_stdlib_logger_a_key_or_a_traceback_is_found():
    with LogCapture() as capture:
        logging.getLogger("some.library").warning("+8613812345678 is not a valid number")
        with log_context(username="13700001111"):
            logger.info("a key holds it")
        try:
            raise ValueError("customer 15000002222 refused")
        except ValueError:
            logger.exception("failed")
    found = capture.with_mobiles()
    assert len(found) == 3
    assert "15000002222" in found[2] and "traceback" in found[2].lower()


def test_masked_numbers_and_longer_digit_runs_are_not_mobiles():
    with LogCapture() as capture:
        logger.info("138****5678, order 2026120113812345678, epoch ms 1796084283309, id 013912345678, "
                    "tenant 14409480805b436a98c9ab77041565c2, job a13812345678")  # hex ids may hold 11 digits
    assert capture.with_mobiles() == []


def test_the_capture_stops_with_its_block():
    with LogCapture() as capture:
        pass
    logger.info("after 13912345678")
    assert capture.lines == []


def test_what_slips_through_is_masked_in_the_written_line():
    record = logger.makeRecord("jzyx", logging.ERROR, __file__, 1, "SNS refused +8613912345678", (), None)
    written = logger.registered_formatter.format(record)
    assert "+86139****5678" in written and "13912345678" not in written
