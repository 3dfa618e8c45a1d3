"""The open-data API: a valid OpenAPI schema, pagination, filters, errors as JSON with a
message (never a 500, checked with schemathesis), CORS and conditional requests."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from schemathesis.generation.modes import GenerationMode

from bestuurstafel.testing.world import World, login

from .factories import monitor_world
from .test_views import add_projects

pytestmark = pytest.mark.django_db


def api(world: World, name: str = "api_projects", **kwargs: object) -> str:
    return reverse(f"monitor:{name}", kwargs={"slug": world.network.slug, **kwargs})


def test_the_schema_is_valid_openapi_and_served_by_the_app(world: World) -> None:
    monitor_world(world)
    served = Client().get(api(world, "api_schema")).json()
    assert served["openapi"].startswith("3.1")
    assert served["servers"] == [{"url": "http://testserver/netwerken/zuidoost/monitor/api/v1"}]
    schema = schemathesis.openapi.from_dict(served)
    schema.validate()  # against the OpenAPI meta-schema
    operations = [op.ok().label for op in schema.get_all_operations()]
    assert operations == [
        "GET /projecten/",
        "GET /projecten/{code}/",
        "GET /gemeenten/",
    ]


def test_projects_are_paginated_with_links(world: World) -> None:
    monitor_world(world)
    add_projects(world, 12)
    client = Client()
    first = client.get(api(world) + "?per_pagina=5").json()
    assert first["per_page"] == 5 and first["page"] == 1 and first["previous"] is None
    assert first["count"] == 1 + 8  # the public test project and 8 of the 12 (every third is not)
    assert first["pages"] == 2
    assert (
        first["next"]
        == "http://testserver/netwerken/zuidoost/monitor/api/v1/projecten/?per_pagina=5&pagina=2"
    )
    second = client.get(first["next"]).json()
    assert len(second["results"]) == 4 and second["next"] is None
    codes = {p["code"] for p in first["results"] + second["results"]}
    assert len(codes) == 9


def test_filters_work_like_on_the_dashboard(world: World) -> None:
    m = monitor_world(world)
    client = login(Client(), world.user("member"))
    titles = lambda query: [p["title"] for p in client.get(api(world) + query).json()["results"]]  # noqa: E731
    assert titles("?thema=iza:K") == ["Geheime herverdeling"]
    assert titles("?status=running&gemeente=GM0355") == ["Valpreventie Zeist"]
    assert titles("?akkoord=gala&zoek=bewegen") == ["Valpreventie Zeist"]
    assert titles("?gemeente=GM0310") == []
    project = client.get(api(world, "api_project", code=m.public.code)).json()
    assert project["themes"] == [
        {"key": "azwaf:fall_prevention", "label": "Valpreventie"},
        {"key": "gala:6", "label": "GALA 6: Vitaal ouder worden"},
    ]
    assert project["funding"][0]["amount"] == "45000.00"
    assert project["municipalities"] == [{"code": "GM0355", "name": "Zeist"}]


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("?status=klaar", "status"),
        ("?akkoord=xyz", "akkoord"),
        ("?thema=iza:Z", "thema"),
        ("?gemeente=Zeist", "gemeente"),
        ("?pagina=0", "pagina"),
        ("?pagina=twee", "pagina"),
        # "²" passes str.isdigit() but int() refuses it: it was a 500 (found by schemathesis).
        ("?pagina=%C2%B2", "pagina"),
        ("?per_pagina=%C2%B3", "per_pagina"),
        ("?gemeente=GM03%C2%B25", "gemeente"),
        ("?per_pagina=1000", "per_pagina"),
        ("?zoek=" + "x" * 101, "zoek"),
        ("?zoek=a%00b", "zoek"),
    ],
)
def test_bad_parameters_give_a_400_with_a_message(world: World, query: str, parameter: str) -> None:
    monitor_world(world)
    response = Client().get(api(world) + query)
    assert response.status_code == 400
    body = response.json()
    assert body["parameter"] == parameter and body["error"]
    assert response["Access-Control-Allow-Origin"] == "*"


def test_not_found_and_wrong_methods_answer_in_json(world: World) -> None:
    monitor_world(world)
    client = Client()
    missing = client.get(api(world) + "?pagina=9")
    assert missing.status_code == 404 and "bestaat niet" in missing.json()["error"]
    assert client.get(api(world, "api_project", code="geen-code")).json() == {
        "error": "Niet gevonden."
    }
    unknown = client.get(reverse("monitor:api_projects", kwargs={"slug": "bestaat-niet"}))
    assert unknown.status_code == 404 and unknown["Content-Type"].startswith("application/json")
    posted = client.post(api(world))
    assert posted.status_code == 405 and posted["Allow"] == "GET, HEAD, OPTIONS"


def test_cors_allows_public_get_from_any_site(world: World) -> None:
    monitor_world(world)
    client = Client()
    response = client.get(api(world), headers={"origin": "https://elders.example"})
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    assert "ETag" in response["Access-Control-Expose-Headers"]
    preflight = client.options(
        api(world),
        headers={"origin": "https://elders.example", "access-control-request-method": "GET"},
    )
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert "If-None-Match" in preflight["Access-Control-Allow-Headers"]


def test_the_api_answers_conditional_requests(world: World) -> None:
    monitor_world(world)
    client = Client()
    first = client.get(api(world))
    cached = client.get(api(world), headers={"if-none-match": first["ETag"]})
    assert cached.status_code == 304 and cached["Access-Control-Allow-Origin"] == "*"


def test_no_request_the_schema_allows_gives_a_server_error(world: World) -> None:
    """Property-based: schemathesis generates requests (valid and invalid) from the schema."""
    m = monitor_world(world)
    add_projects(world, 5)
    served = Client().get(api(world, "api_schema")).json()
    schema = schemathesis.openapi.from_dict(served)
    app = get_wsgi_application()
    # Like Django's test client: the test's database connection stays open between requests.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        checked = run_schemathesis(schema, app, str(m.public.code))
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    assert len(checked) >= 150
    assert 200 in checked and 400 in checked


def run_schemathesis(schema, app, known_code: str) -> list[int]:  # type: ignore[no-untyped-def]
    checked = []
    for result in schema.get_all_operations():
        operation = result.ok()
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            if mode is GenerationMode.NEGATIVE and operation.label == "GET /projecten/{code}/":
                continue  # any string is a valid code: there is no invalid request to make

            @settings(
                max_examples=50,
                deadline=None,
                database=None,
                suppress_health_check=list(HealthCheck),
            )
            @given(case=operation.as_strategy(generation_mode=mode))
            def run(case: schemathesis.Case) -> None:
                if case.path_parameters and not case.path_parameters.get("code"):
                    case.path_parameters["code"] = known_code
                response = case.call(app=app)
                assert response.status_code < 500, (case.as_curl_command(), response.text[:500])
                if response.status_code in (200, 400, 404):
                    headers = {k.lower(): v for k, v in response.headers.items()}
                    assert headers["content-type"][0].startswith("application/json")
                checked.append(response.status_code)

            run()
    return checked
