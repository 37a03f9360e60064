"""The site's URLs plus the yardsticks every figure of bench/run.py is read against:

- bench/ping: the least a Django JSON view can do;
- bench/echo: a JSON POST parsed and answered, like an API call that stores nothing;
- bench/hello: a small template rendered, like a page that reads nothing.
"""

import json

from django.http import JsonResponse
from django.shortcuts import render
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt


def ping(request):
    return JsonResponse({"ok": True})


@csrf_exempt
def echo(request):
    return JsonResponse(json.loads(request.body), status=201)


def hello(request):
    return render(request, "bench/hello.html", {"title": "Hello", "text": "A small page."})


urlpatterns = [
    path("bench/ping", ping),
    path("bench/echo", echo),
    path("bench/hello", hello),
    path("", include("backpain.urls")),
]
