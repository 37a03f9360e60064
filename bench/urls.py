"""The site's URLs plus bench/ping, the least a Django JSON view can do, as a yardstick."""

from django.http import JsonResponse
from django.urls import include, path


def ping(request):
    return JsonResponse({"ok": True})


urlpatterns = [
    path("bench/ping", ping),
    path("", include("backpain.urls")),
]
