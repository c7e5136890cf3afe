// Runtime settings; the local static server writes its own copy at start-up.
window.APP_CONFIG = { apiBase: "http://127.0.0.1:8000" };
