"""The OpenAPI document covers every route the app serves, names every request body, and is valid 3.1."""
from openapi_spec_validator import validate

import app
from chalicelib.api import openapi
from chalicelib.api.contracts import view_scan
from chalicelib.api.operations import OPERATIONS


def test_every_route_is_in_the_document_with_its_methods():
    paths = openapi.document()["paths"]
    for path, entry in app.app.routes.items():
        documented = {method.upper() for method in paths.get(path, {})}
        assert documented == set(entry), f"{path}: served {sorted(entry)}, documented {sorted(documented)}"


def test_every_route_that_reads_a_body_names_its_request():
    silent = [op.path for op in OPERATIONS if view_scan.reads_body(op.view) and op.request is None]
    assert silent == []


# Operations whose JSON answer has no model, each with the reason (none today: every JSON answer has one).
NO_ANSWER_MODEL: dict[tuple[str, str], str] = {}


def test_every_json_operation_names_its_answer_model():
    """A JSON answer documented as "an object" tells a client nothing; workbook downloads are described as files."""
    silent = [(method, op.path) for op in OPERATIONS for method in op.methods
              if op.response is None and not view_scan.answers_workbook(op.view)
              and (method, op.path) not in NO_ANSWER_MODEL]
    assert silent == [], "give these routes response=responses.<Model> (chalicelib/api/contracts/responses/)"


def test_answer_models_name_their_keys():
    """Each success answer's schema is a named component with properties, never the anonymous "any object"."""
    document = openapi.document()
    schemas = document["components"]["schemas"]
    for path, entry in document["paths"].items():
        for method, spec in entry.items():
            answers = {status: answer for status, answer in spec["responses"].items() if status.startswith("2")}
            for status, answer in answers.items():
                for kind, content in answer["content"].items():
                    if kind != "application/json" or (method.upper(), path) in NO_ANSWER_MODEL:
                        continue
                    name = content["schema"]["$ref"].rsplit("/", 1)[-1]
                    keys = schemas[name].get("properties") or schemas[name].get("required")
                    assert keys, f"{method.upper()} {path} {status}: {name} has no keys"


def test_the_document_is_valid_openapi_3_1():
    document = openapi.document()
    assert document["openapi"].startswith("3.1")
    validate(document)


def test_protected_routes_ask_for_a_bearer_token_and_the_bulk_api_for_a_key():
    paths = openapi.document()["paths"]
    assert paths["/api/customers"]["get"]["security"] == [{"bearerAuth": []}]
    assert paths["/api/bulk/{kind}"]["post"]["security"] == [{"apiKey": []}]
    assert paths["/api/auth/login"]["post"]["security"] == []
    assert paths["/api/auth/login"]["post"]["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/LoginRequest"}


def test_errors_share_one_schema():
    login = openapi.document()["paths"]["/api/me"]["get"]["responses"]
    assert login["401"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Error"}
    assert "Error" in openapi.document()["components"]["schemas"]
