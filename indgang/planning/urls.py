"""Planning pages for managers, under /personale/planlaegning/."""

from django.urls import path

from .views import costs, forecast, hub, plan, whatif

app_name = "planning"
urlpatterns = [
    path("", hub.index_view, name="index"),
    path("prognose/", forecast.forecast_view, name="forecast"),
    path("bemanding/", plan.plan_view, name="plan"),
    path("bemanding/xlsx/", plan.plan_xlsx_view, name="plan_xlsx"),
    path("omkostninger/", costs.costs_view, name="costs"),
    path("omkostninger/satser/", costs.rates_view, name="rates"),
    path("scenarie/", whatif.scenario_view, name="scenario"),
    path("scenarie/<uuid:pk>/", whatif.run_view, name="run"),
    path("scenarie/<uuid:pk>/status/", whatif.run_status_view, name="run_status"),
]
