"""Staff knowledge pages under /personale/viden/."""

from django.urls import path

from . import views

app_name = "knowledge_staff"

urlpatterns = [
    path("", views.staff_list, name="list"),
    path("ny/", views.staff_new, name="new"),
    path("gennemsyn/", views.review_list, name="reviews"),
    path("gennemsyn/<int:pk>/", views.review_done, name="review_done"),
    path("synonymer/", views.synonyms, name="synonyms"),
    path("synonymer/<int:pk>/", views.synonym_edit, name="synonym_edit"),
    path("synonymer/<int:pk>/slet/", views.synonym_delete, name="synonym_delete"),
    path("<slug:slug>/", views.staff_article, name="article"),
    path("<slug:slug>/rediger/", views.staff_edit, name="edit"),
    path("<slug:slug>/historik/", views.staff_history, name="history"),
    path("<slug:slug>/historik/<int:version>/", views.staff_version, name="version"),
]
