from django.conf import settings


def municipality(request):
    """The municipality's name for every template."""
    return {"municipality_name": settings.MUNICIPALITY_NAME}
