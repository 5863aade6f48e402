"""Staff pages of the contact registry under /personale/henvendelser/:
one-click registration (views/quick.py) and file import (views/imports.py)."""

from .views import imports, quick

app_name = "contacts"

urlpatterns = [*quick.urlpatterns, *imports.urlpatterns]
