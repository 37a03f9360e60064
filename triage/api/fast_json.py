"""The triage answer as JSON without a pydantic round trip, in exactly the schema's shape.

Validating the engine's result into AssessmentOut and dumping it again cost about half a
millisecond per triage (issue #14), most of a request's time beside the INSERT. The result is
the engine's own output, already of the right types, so it needs only the schema's projection:
the fields each output schema declares, in its order, with its defaults where a key is missing
(older stored results). The projection is read from the schema classes once, so a field added to
a schema is sent without an edit here; tests/triage/api/test_fast_json.py checks that the
output equals pydantic's on every clinical test case.
"""

import json
import types
import typing
from functools import cache

from django.http import HttpResponse
from pydantic import BaseModel
from pydantic_core import PydanticUndefined, to_jsonable_python

from triage.results import full_result


def _model_of(annotation):
    """(schema class, is a list) for a field holding schemas; (None, False) for plain values."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        inner = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        return _model_of(inner[0]) if len(inner) == 1 else (None, False)
    if origin is list:
        model, _ = _model_of(typing.get_args(annotation)[0])
        return model, model is not None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation, False
    return None, False


@cache
def _plan(model):
    """For each field: (name, default factory or None when required, nested plan, is a list)."""
    fields = []
    for name, info in model.model_fields.items():
        nested, many = _model_of(info.annotation)
        if info.default_factory is not None:
            default = info.default_factory
        elif info.default is not PydanticUndefined:
            default = (lambda value: lambda: value)(info.default)
        else:
            default = None
        fields.append((name, default, _plan(nested) if nested else None, many))
    return tuple(fields)


def _project(plan, data):
    out = {}
    for name, default, nested, many in plan:
        if name in data:
            value = data[name]
        elif default is not None:
            value = default()
        else:
            raise KeyError(name)
        if nested is not None and value is not None:
            value = [_project(nested, item) for item in value] if many else _project(nested, value)
        out[name] = value
    return out


def project(model, data):
    """`data` (a dict) as `model` would dump it in JSON mode, for the engine's plain values."""
    return _project(_plan(model), data)


def assessment_json(assessment, result_schema):
    """The body of AssessmentOut for a stored assessment, as a dict of JSON values."""
    return {
        "id": str(assessment.pk),
        "created": to_jsonable_python(assessment.created),
        "result": project(result_schema, full_result(assessment)),
    }


def json_response(data, *, status=200, headers=None):
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return HttpResponse(
        body.encode(), status=status, headers=headers, content_type="application/json"
    )
