"""Chalice application: wiring only."""
from chalice import Chalice, CORSConfig

from chalicelib import config
from chalicelib.api import admin, auth, authorizer, me

app = Chalice(app_name="jzyx", configure_logs=False)
app.api.cors = CORSConfig(allow_origin=config.frontend_origin(), allow_headers=["Authorization", "Content-Type"],
                          max_age=600)

app.register_blueprint(authorizer.bp)
app.register_blueprint(auth.bp)
app.register_blueprint(me.bp)
app.register_blueprint(admin.bp)
