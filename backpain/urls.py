from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path

from articles.sitemaps import SITEMAPS
from backpain import health, otp, site_files
from triage import api

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    # Before the admin's own URLs: the second step of a clinical reviewer's login (backpain.otp).
    path("admin/verify/", otp.verify, name="otp-verify"),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls()),
    # Every other path under /api/ (a typo, another version) answers the API's JSON 404.
    re_path(r"^api(?:/|$)", api.unknown_path),
    path("articles/", include("articles.urls")),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", site_files.robots_txt, name="robots-txt"),
    path(".well-known/security.txt", site_files.security_txt, name="security-txt"),
    path("favicon.ico", site_files.favicon, name="favicon"),
    path("", include("triage.urls")),
]

# The 500 page renders without the database or context processors (see server_error).
handler500 = "triage.journey.views.server_error"
