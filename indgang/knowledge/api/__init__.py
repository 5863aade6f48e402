"""The knowledge base's search API under /api/v1/:

    GET /api/v1/knowledge/search/?q=<text>&audience=public|internal

`public` (the default) needs no login; `internal` needs a staff member.
Answers `{"results": [{"id", "title", "service", "url", "snippet"}, …]}`, best
first, from the same `search.search()` as the staff and public pages.
"""

from django.urls import path

from .views import KnowledgeSearchView

app_name = "knowledge-api"
urlpatterns = [
    path("knowledge/search/", KnowledgeSearchView.as_view(), name="search"),
]
