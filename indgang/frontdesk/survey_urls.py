"""The survey for citizens, its results and the front-desk measures for
managers. config/urls.py includes this at the root, inside i18n_patterns."""

from django.urls import path

from . import survey_views

app_name = "survey"

urlpatterns = [
    path("undersoegelse/tak/", survey_views.survey_thanks_view, name="thanks"),
    path("undersoegelse/<str:token>/", survey_views.survey_answer_view, name="answer"),
    path("personale/undersoegelse/", survey_views.survey_results_view, name="results"),
    path("personale/skranke-tal/", survey_views.measures_view, name="measures"),
]
