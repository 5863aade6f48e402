"""Staff pages of the contact centre, included under /personale/: the agent
desktop (views/desktop.py) and the directory, callbacks and the back-office
inbox (views/inbox.py)."""

from .views import desktop, inbox

app_name = "contactcentre"

urlpatterns = [*desktop.urlpatterns, *inbox.urlpatterns]
