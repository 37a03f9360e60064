from django.urls import path
from django.views.generic import TemplateView

from triage.journey import views

app_name = "triage"

urlpatterns = [
    path("", views.home, name="home"),
    path("check/", views.check, name="check"),
    path("check/clear/", views.clear, name="clear"),
    path("check/result/<uuid:pk>/", views.result, name="result"),
    path("check/<slug:step>/", views.step, name="step"),
    path("causes/<slug:slug>/", views.CauseDetailView.as_view(), name="cause"),
    path("privacy/", TemplateView.as_view(template_name="triage/privacy.html"), name="privacy"),
    path("cookies/", TemplateView.as_view(template_name="triage/cookies.html"), name="cookies"),
    path(
        "accessibility/",
        TemplateView.as_view(template_name="triage/accessibility.html"),
        name="accessibility",
    ),
    path("sw.js", views.service_worker, name="service-worker"),
]
