"""The OpenAPI 3 description of a network's open-data API (written by hand; no framework).

One schema per network: its server is ``/netwerken/<slug>/monitor/api/v1``, so clients and
property-based tests can run against it as it is.
"""

from typing import Any

from .models import Agreement, Status

FILTER_PARAMETERS: list[dict[str, Any]] = [
    {
        "name": "thema",
        "in": "query",
        "required": False,
        "description": "A theme key such as `iza:G`, `gala:6`, `azwa:vital_ageing`, "
        "`azwaf:fall_prevention`, `pg:participation`, `4d:social` or one of the network's "
        "own course lines `koers:<slug>`.",
        "schema": {"type": "string", "maxLength": 80},
    },
    {
        "name": "akkoord",
        "in": "query",
        "required": False,
        "description": "The agreement the project belongs to.",
        "schema": {"type": "string", "enum": list(Agreement.values)},
    },
    {
        "name": "status",
        "in": "query",
        "required": False,
        "schema": {"type": "string", "enum": list(Status.values)},
    },
    {
        "name": "gemeente",
        "in": "query",
        "required": False,
        "description": "A CBS municipality code; region-wide projects count for every "
        "municipality of the network.",
        "schema": {"type": "string", "pattern": "^GM[0-9]{4}$"},
    },
    {
        "name": "zoek",
        "in": "query",
        "required": False,
        "description": "Words that must occur in the title or summary.",
        "schema": {"type": "string", "maxLength": 100},
    },
]

PAGE_PARAMETERS: list[dict[str, Any]] = [
    {
        "name": "pagina",
        "in": "query",
        "required": False,
        "schema": {"type": "integer", "minimum": 1, "default": 1},
    },
    {
        "name": "per_pagina",
        "in": "query",
        "required": False,
        "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 25},
    },
]

ERROR = {"$ref": "#/components/schemas/Error"}
NULLABLE_STRING = {"type": ["string", "null"]}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {
        "description": description,
        "headers": {
            "ETag": {"schema": {"type": "string"}},
            "Last-Modified": {"schema": {"type": "string"}},
        },
        "content": {"application/json": {"schema": schema}},
    }


def _error(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": ERROR}}}


def schema(*, network_name: str, server_url: str) -> dict[str, Any]:
    project_properties: dict[str, Any] = {
        "code": {"type": "string", "format": "uuid"},
        "url": {"type": "string"},
        "title": {"type": "string"},
        "summary": {"type": "string"},
        "agreement": {"type": "string", "enum": list(Agreement.values)},
        "themes": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"key": {"type": "string"}, "label": {"type": "string"}},
                "required": ["key", "label"],
            },
        },
        "status": {"type": "string", "enum": list(Status.values)},
        "status_label": {"type": "string"},
        "status_since": {"type": ["string", "null"], "format": "date"},
        "approval": NULLABLE_STRING,
        "progress": {"type": "integer", "minimum": 0, "maximum": 100},
        "parts": {
            "type": "object",
            "properties": {
                "total": {"type": "integer"},
                "ready": {"type": "integer"},
                "items": {"type": "array", "items": {"type": "object"}},
            },
            "required": ["total", "ready", "items"],
        },
        "region_wide": {"type": "boolean"},
        "municipalities": {"type": "array", "items": {"$ref": "#/components/schemas/Place"}},
        "scale": {"type": "string"},
        "lead_organisation": NULLABLE_STRING,
        "organisations": {"type": "array", "items": {"type": "string"}},
        "other_partners": {"type": "string"},
        "start_date": {"type": ["string", "null"], "format": "date"},
        "end_date": {"type": ["string", "null"], "format": "date"},
        "funding": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "source": {"type": "string"},
                    "source_label": {"type": "string"},
                    "year": {"type": "integer"},
                    "amount": {"type": "string", "description": "Euros, two decimals."},
                    "state": {"type": "string", "enum": ["requested", "granted"]},
                },
                "required": ["source", "year", "amount", "state"],
            },
        },
        "funding_granted": {"type": "string"},
        "highlight_year": {"type": ["integer", "null"]},
        "confidentiality": {"type": "string", "enum": ["public", "network"]},
        "updated_at": {"type": "string", "format": "date-time"},
    }
    figures = {
        "type": "object",
        "properties": {
            "code": {"type": "string"},
            "name": {"type": "string"},
            "running": {"type": "integer", "minimum": 0},
            "planned": {"type": "integer", "minimum": 0},
            "completed": {"type": "integer", "minimum": 0},
            "other": {"type": "integer", "minimum": 0},
            "total": {"type": "integer", "minimum": 0},
            "url": {"type": "string"},
        },
        "required": ["code", "name", "running", "planned", "completed", "other", "total"],
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": f"Programmamonitor {network_name}",
            "version": "1.0.0",
            "description": (
                "Read-only open data of the programme monitor: the public projects of the "
                "network (members who are logged in also see network-level ones) and the number "
                "of projects per municipality. Every answer carries an ETag and Last-Modified; "
                "send If-None-Match or If-Modified-Since to get a 304 when nothing changed. "
                "Cross-origin GET requests are allowed (CORS). Bad parameters give a 400 with a "
                "message."
            ),
            "license": {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"},
        },
        "servers": [{"url": server_url}],
        "paths": {
            "/projecten/": {
                "get": {
                    "operationId": "listProjects",
                    "summary": "Projects, filtered and paginated",
                    "parameters": FILTER_PARAMETERS + PAGE_PARAMETERS,
                    "responses": {
                        "200": _json(
                            {"$ref": "#/components/schemas/ProjectPage"}, "A page of projects"
                        ),
                        "304": {"description": "Not modified"},
                        "400": _error("A parameter has a bad value"),
                        "404": _error("The page does not exist"),
                    },
                }
            },
            "/projecten/{code}/": {
                "get": {
                    "operationId": "getProject",
                    "summary": "One project",
                    "parameters": [
                        {
                            "name": "code",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string"},
                        }
                    ],
                    "responses": {
                        "200": _json({"$ref": "#/components/schemas/Project"}, "The project"),
                        "304": {"description": "Not modified"},
                        "404": _error("No project with this code that you may see"),
                    },
                }
            },
            "/gemeenten/": {
                "get": {
                    "operationId": "listMunicipalityFigures",
                    "summary": "Number of projects per status, per municipality",
                    "parameters": FILTER_PARAMETERS,
                    "responses": {
                        "200": _json(
                            {"$ref": "#/components/schemas/MunicipalityFigures"},
                            "Figures per municipality",
                        ),
                        "304": {"description": "Not modified"},
                        "400": _error("A parameter has a bad value"),
                    },
                }
            },
        },
        "components": {
            "schemas": {
                "Error": {
                    "type": "object",
                    "properties": {
                        "error": {"type": "string"},
                        "parameter": {"type": "string"},
                    },
                    "required": ["error"],
                },
                "Place": {
                    "type": "object",
                    "properties": {"code": {"type": "string"}, "name": {"type": "string"}},
                    "required": ["code", "name"],
                },
                "Project": {
                    "type": "object",
                    "properties": project_properties,
                    "required": list(project_properties),
                },
                "ProjectPage": {
                    "type": "object",
                    "properties": {
                        "count": {"type": "integer", "minimum": 0},
                        "page": {"type": "integer", "minimum": 1},
                        "pages": {"type": "integer", "minimum": 1},
                        "per_page": {"type": "integer"},
                        "next": NULLABLE_STRING,
                        "previous": NULLABLE_STRING,
                        "results": {
                            "type": "array",
                            "items": {"$ref": "#/components/schemas/Project"},
                        },
                    },
                    "required": [
                        "count",
                        "page",
                        "pages",
                        "per_page",
                        "next",
                        "previous",
                        "results",
                    ],
                },
                "Figures": figures,
                "MunicipalityFigures": {
                    "type": "object",
                    "properties": {
                        "network": {
                            "type": "object",
                            "properties": {
                                "slug": {"type": "string"},
                                "name": {"type": "string"},
                            },
                        },
                        "updated_at": {"type": ["string", "null"]},
                        "attribution": {"type": "string"},
                        "region_wide": figures,
                        "municipalities": {"type": "array", "items": figures},
                    },
                    "required": ["network", "region_wide", "municipalities"],
                },
            }
        },
    }
