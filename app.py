"""Chalice application: wiring only."""
from chalice import Chalice, CORSConfig

from chalicelib import config
from chalicelib.api import (
    accounts,
    admin,
    admin_audit,
    admin_data,
    admin_plans,
    admin_stats,
    analyses,
    api_docs,
    auth,
    authorizer,
    billing,
    bulk,
    campaign_reports,
    campaigns,
    chalice_answers,
    comparisons,
    customer_detail,
    customers,
    exports,
    imports,
    me,
    notifications,
    plans,
    segments,
    sms,
    sms_callbacks,
    stores,
)
from chalicelib.domain.spreadsheet import XLSX_CONTENT_TYPE
from chalicelib.events import analyses as analysis_events
from chalicelib.events import campaigns as campaign_events
from chalicelib.events import daily as daily_events
from chalicelib.events import data_jobs as data_job_events
from chalicelib.events import housekeeping as housekeeping_events
from chalicelib.events import imports as import_events
from chalicelib.events import sms as sms_events

config.require_signing_key()  # outside the local stage, no signing key: no start (fail closed)
app = Chalice(app_name="jzyx", configure_logs=False)
app.api.cors = CORSConfig(allow_origin=config.frontend_origin(),
                          allow_headers=["Authorization", "Content-Type", "X-Api-Key"], max_age=600)
app.api.binary_types.append(XLSX_CONTENT_TYPE)

for blueprint in (authorizer, auth, me, admin, admin_plans, imports, customers, customer_detail, bulk, analyses,
                  comparisons, plans, stores, accounts, segments, sms, campaigns, campaign_reports, sms_callbacks,
                  billing, notifications, admin_stats, admin_data, admin_audit, exports):
    app.register_blueprint(blueprint.bp)
app.register_blueprint(api_docs.bp)  # GET /api/openapi.json
app.register_blueprint(chalice_answers.bp)  # Chalice's own 415 and Accept refusals, in our error shape
app.register_blueprint(import_events.bp)
app.register_blueprint(analysis_events.bp)
app.register_blueprint(campaign_events.bp)
app.register_blueprint(sms_events.bp)
app.register_blueprint(daily_events.bp)
app.register_blueprint(data_job_events.bp)
app.register_blueprint(housekeeping_events.bp)  # hourly: expire uploads, re-queue stuck class updates
