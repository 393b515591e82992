"""The OpenAPI document describes every API route, and nothing else."""

import re

from tracker.api.core import PREFIX


def _routes(app) -> set[tuple[str, str]]:
    found = set()
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith(PREFIX + "/"):
            # "<int(max=…):task_id>" → "{task_id}", each argument in its own place.
            path = re.sub(r"<[^>]*?(\w+)>", r"{\1}", rule.rule.removeprefix(PREFIX))
            found |= {(path, m.lower()) for m in rule.methods - {"HEAD", "OPTIONS"}}
    return found


def test_every_route_is_documented_and_every_documented_route_exists(client, db_session):
    response = client.get("/api/v1/openapi.json")  # no sign-in needed
    assert response.status_code == 200
    document = response.json
    assert document["openapi"].startswith("3.")
    documented = {(path, method) for path, item in document["paths"].items() for method in item}
    assert documented == _routes(client.application)
    assert len(documented) >= 16


def test_bodies_parameters_and_responses_are_described(client, db_session):
    document = client.get("/api/v1/openapi.json").json
    schemas = document["components"]["schemas"]
    create = document["paths"]["/tasks"]["post"]
    body = create["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    task_in = schemas[body.rsplit("/", 1)[1]]
    assert set(task_in["required"]) == {"title", "lead"}
    assert "201" in create["responses"] and "422" in create["responses"]
    update = document["paths"]["/tasks/{task_id}"]["patch"]
    changes = schemas[update["requestBody"]["content"]["application/json"]["schema"]["$ref"]
                      .rsplit("/", 1)[1]]
    assert changes["required"] == ["version"] and "409" in update["responses"]
    listing = {p["name"] for p in document["paths"]["/tasks"]["get"]["parameters"]}
    assert {"class", "state", "area", "department", "official", "lead", "document", "from",
            "to", "q", "sort", "order", "page", "per_page"} <= listing
    for ref in _refs(document):
        assert ref.rsplit("/", 1)[1] in schemas


def _refs(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)
