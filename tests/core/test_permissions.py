"""Permission checks live in core.permissions; these pin their behaviour."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group, Permission
from django.core.exceptions import PermissionDenied as DjangoDenied
from django.http import HttpResponse
from django.test import RequestFactory
from rest_framework.test import APIRequestFactory, force_authenticate
from rest_framework.views import APIView

from indgang.accounts.services import roles_sync
from indgang.core.errors import PermissionDenied
from indgang.core.permissions import (
    ADMIN_ROLES,
    ROLE_PERMISSIONS,
    HasRole,
    IsStaffMember,
    Role,
    has_role,
    is_staff_member,
    require_perm,
    require_role,
    role_label,
    role_required,
    user_role_labels,
    user_roles,
)

pytestmark = pytest.mark.django_db


def _group_perms(role: str) -> set[str]:
    return {
        f"{app}.{code}"
        for app, code in Group.objects.get(name=role).permissions.values_list(
            "content_type__app_label", "codename"
        )
    }


@pytest.mark.parametrize("role", list(Role))
def test_each_role_group_has_exactly_its_listed_permissions_after_migrate(role):
    # roles_sync ran after the test database was migrated; a typo in
    # ROLE_PERMISSIONS (a permission that does not exist) fails here.
    assert _group_perms(role) == set(ROLE_PERMISSIONS[role])


def test_every_listed_permission_exists():
    existing = {
        f"{app}.{code}"
        for app, code in Permission.objects.values_list("content_type__app_label", "codename")
    }
    for role, perms in ROLE_PERMISSIONS.items():
        assert set(perms) <= existing, role


def test_roles_sync_restores_drifted_groups():
    group = Group.objects.get(name=Role.FRONT_DESK)
    group.permissions.add(Permission.objects.get(codename="delete_service"))
    Group.objects.get(name=Role.MANAGER).delete()

    roles_sync()
    roles_sync()  # idempotent

    assert _group_perms(Role.FRONT_DESK) == set(ROLE_PERMISSIONS[Role.FRONT_DESK])
    assert _group_perms(Role.MANAGER) == set(ROLE_PERMISSIONS[Role.MANAGER])
    assert Group.objects.filter(name__in=Role.values).count() == len(Role)


def test_every_role_has_permissions_and_admin_roles_are_roles():
    assert set(ROLE_PERMISSIONS) == set(Role)
    assert all(ROLE_PERMISSIONS[role] for role in Role)
    assert set(ADMIN_ROLES) <= set(Role)


def test_role_labels_are_danish():
    assert role_label(Role.FRONT_DESK) == "Borgerservicemedarbejder"
    assert role_label("not-a-role") == "not-a-role"


def test_user_role_labels_follow_role_order(make_staff):
    user = make_staff(Role.MANAGER, Role.FRONT_DESK)

    assert user_role_labels(user) == ["Borgerservicemedarbejder", "Borgerservicechef"]


# require_perm / require_role


def test_require_perm_passes_with_the_permission(make_staff):
    require_perm(make_staff(Role.ADMINISTRATOR), "catalogue.change_service")


def test_require_perm_raises_domain_permission_denied_without_it(make_staff):
    with pytest.raises(PermissionDenied) as excinfo:
        require_perm(make_staff(Role.FRONT_DESK), "catalogue.change_service")
    assert excinfo.value.status_code == 403
    assert str(excinfo.value.message) == "Du har ikke adgang til dette."


def test_require_perm_refuses_anonymous_and_inactive(make_staff):
    with pytest.raises(PermissionDenied):
        require_perm(AnonymousUser(), "catalogue.view_service")
    with pytest.raises(PermissionDenied):
        require_perm(make_staff(Role.ADMINISTRATOR, is_active=False), "catalogue.view_service")


def test_require_perm_lets_superuser_pass(make_staff):
    require_perm(make_staff(is_superuser=True), "contacts.view_cpr")


def test_require_role(make_staff):
    require_role(make_staff(Role.MANAGER), Role.MANAGER, Role.ADMINISTRATOR)
    require_role(make_staff(is_superuser=True), Role.MANAGER)
    with pytest.raises(PermissionDenied):
        require_role(make_staff(Role.FRONT_DESK), Role.MANAGER)


def test_has_role_and_staff_member(make_staff):
    front = make_staff(Role.FRONT_DESK)
    nobody = make_staff()

    assert has_role(front, Role.FRONT_DESK)
    assert not has_role(front, Role.MANAGER)
    assert is_staff_member(front)
    assert not is_staff_member(nobody)
    assert not is_staff_member(AnonymousUser())
    assert user_roles(AnonymousUser()) == set()
    assert not has_role(make_staff(is_superuser=True, is_active=False), Role.MANAGER)


def test_other_groups_are_not_roles(make_staff):
    user = make_staff()
    user.groups.add(Group.objects.create(name="nyhedsbrev"))

    assert not is_staff_member(user)


# role_required (pages)


@role_required(Role.MANAGER)
def _manager_page(request):
    return HttpResponse("ok")


@role_required()
def _staff_page(request):
    return HttpResponse("ok")


def _get(user):
    request = RequestFactory().get("/side/")
    request.user = user
    return request


def test_role_required_redirects_anonymous_to_login():
    response = _manager_page(_get(AnonymousUser()))

    assert response.status_code == 302
    assert response.url == "/personale/login/?next=/side/"


def test_role_required_gives_403_without_the_role(make_staff):
    with pytest.raises(DjangoDenied, match="Din rolle giver ikke adgang"):
        _manager_page(_get(make_staff(Role.FRONT_DESK)))
    with pytest.raises(DjangoDenied, match="ingen rolle"):
        _staff_page(_get(make_staff()))


def test_role_required_lets_role_and_superuser_pass(make_staff):
    assert _manager_page(_get(make_staff(Role.MANAGER))).status_code == 200
    assert _manager_page(_get(make_staff(is_superuser=True))).status_code == 200
    assert _staff_page(_get(make_staff(Role.CONTACT_CENTRE))).status_code == 200


def test_role_required_403_page_through_the_stack(client, make_staff):
    # accounts:home is role_required(); Django's handler renders the Danish 403.html.
    client.force_login(make_staff())

    response = client.get("/personale/")

    assert response.status_code == 403
    assert "ingen rolle" in response.content.decode()


# DRF


class _StaffView(APIView):
    permission_classes = [IsStaffMember]

    def get(self, request):
        return HttpResponse("ok")


class _ManagerView(APIView):
    permission_classes = [HasRole(Role.MANAGER, Role.ADMINISTRATOR)]

    def get(self, request):
        return HttpResponse("ok")


def _api(view, user=None):
    request = APIRequestFactory().get("/api/v1/x/")
    if user is not None:
        force_authenticate(request, user=user)
    return view.as_view()(request)


def test_is_staff_member_for_drf(make_staff):
    assert _api(_StaffView, make_staff(Role.FRONT_DESK)).status_code == 200
    assert _api(_StaffView, make_staff(is_superuser=True)).status_code == 200
    refused = _api(_StaffView, make_staff())
    assert refused.status_code == 403
    assert refused.data["detail"] == "Kun kommunens medarbejdere har adgang."
    assert _api(_StaffView).status_code == 403  # anonymous: session auth sends no challenge


def test_has_role_for_drf(make_staff):
    assert _api(_ManagerView, make_staff(Role.MANAGER)).status_code == 200
    assert _api(_ManagerView, make_staff(Role.ADMINISTRATOR)).status_code == 200
    assert _api(_ManagerView, make_staff(is_superuser=True)).status_code == 200
    refused = _api(_ManagerView, make_staff(Role.FRONT_DESK))
    assert refused.status_code == 403
    assert refused.data["detail"] == "Din rolle giver ikke adgang til dette."
    assert _api(_ManagerView).status_code == 403


def test_drf_token_authentication_with_role(make_staff):
    from rest_framework.authtoken.models import Token

    user = make_staff(Role.MANAGER)
    token = Token.objects.create(user=user)
    request = APIRequestFactory().get("/api/v1/x/", HTTP_AUTHORIZATION=f"Token {token.key}")

    assert _ManagerView.as_view()(request).status_code == 200
