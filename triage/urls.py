from django.urls import path

from triage.journey import views

app_name = "triage"

urlpatterns = [
    path("", views.home, name="home"),
    path("check/", views.check, name="check"),
    path("check/result/<uuid:pk>/", views.result, name="result"),
    path("check/<slug:step>/", views.step, name="step"),
    path("causes/<slug:slug>/", views.CauseDetailView.as_view(), name="cause"),
]
