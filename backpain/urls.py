from django.contrib import admin
from django.urls import include, path

from triage.api import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("articles/", include("articles.urls")),
    path("", include("triage.urls")),
]
