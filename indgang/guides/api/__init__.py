"""The guides API under /api/v1/guides/ (the contract of issue 10):

GET  /api/v1/guides/                    published guides: {"guides": [{slug, title, summary}]}
GET  /api/v1/guides/<slug>/             the questions: {slug, title, questions: [...]}
POST /api/v1/guides/<slug>/checklist/   {"answers": {...}} → {"steps": [...]} or 400
"""

from django.urls import path

from .views import ChecklistView, GuideDetailView, GuideListView

app_name = "guides-api"
urlpatterns = [
    path("guides/", GuideListView.as_view(), name="list"),
    path("guides/<slug:slug>/", GuideDetailView.as_view(), name="detail"),
    path("guides/<slug:slug>/checklist/", ChecklistView.as_view(), name="checklist"),
]
