"""The Danish admin for staff, roles and integrators' API tokens."""

import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from rest_framework.authtoken.models import Token

from indgang.core.permissions import Role
from tests.catalogue.factories import DepartmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_role(client, admin_user_role):
    client.force_login(admin_user_role)
    return client


def test_user_list_shows_department_and_danish_roles(admin_client_role, make_staff):
    make_staff(
        Role.FRONT_DESK,
        Role.MANAGER,
        username="mette",
        department=DepartmentFactory(name="Borgerservice"),
    )

    response = admin_client_role.get(reverse("admin:accounts_user_changelist"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "mette" in html
    assert "Borgerservice" in html
    assert "Borgerservicechef, Borgerservicemedarbejder" in html


def test_user_list_filters_by_role(admin_client_role, make_staff):
    make_staff(Role.FRONT_DESK, username="skranke1")
    make_staff(Role.CONTACT_CENTRE, username="telefon1")

    response = admin_client_role.get(
        reverse("admin:accounts_user_changelist"), {"rolle": Role.CONTACT_CENTRE}
    )

    users = [u.username for u in response.context["cl"].result_list]
    assert users == ["telefon1"]


def test_user_form_has_department_phone_and_danish_roles_but_no_cpr(admin_client_role, make_staff):
    user = make_staff(Role.BACK_OFFICE)

    response = admin_client_role.get(reverse("admin:accounts_user_change", args=[user.pk]))

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert {"department", "phone", "groups"} <= set(form.fields)
    assert "user_permissions" not in form.fields  # permissions come from roles only
    assert not any("cpr" in name.lower() for name in form.fields)
    # As a word: a random CSRF token may contain the letters "cpr".
    assert not re.search(r"\bcpr\b", response.content.decode().lower())
    labels = {label for _, label in form.fields["groups"].choices}
    assert {str(r.label) for r in Role} <= labels


def test_user_add_form_takes_roles_and_department(admin_client_role):
    department = DepartmentFactory()
    response = admin_client_role.post(
        reverse("admin:accounts_user_add"),
        {
            "username": "ny.medarbejder",
            "usable_password": "true",
            "password1": "en-lang-og-sikker-kode-42",
            "password2": "en-lang-og-sikker-kode-42",
            "first_name": "Ny",
            "last_name": "Medarbejder",
            "email": "",
            "phone": "70 10 20 30",
            "department": department.pk,
            "groups": [Group.objects.get(name=Role.FRONT_DESK).pk],
        },
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    from indgang.accounts.models import User

    user = User.objects.get(username="ny.medarbejder")
    assert user.department == department
    assert user.phone == "70 10 20 30"
    assert list(user.groups.values_list("name", flat=True)) == [Role.FRONT_DESK]


def test_administrator_cannot_make_a_superuser(admin_client_role, make_staff):
    user = make_staff(Role.FRONT_DESK)

    response = admin_client_role.get(reverse("admin:accounts_user_change", args=[user.pk]))

    assert "is_superuser" not in response.context["adminform"].form.fields


def test_superuser_can_set_superuser_flag(client, make_staff):
    client.force_login(make_staff(is_superuser=True, is_staff=True))
    user = make_staff(Role.FRONT_DESK)

    response = client.get(reverse("admin:accounts_user_change", args=[user.pk]))

    assert "is_superuser" in response.context["adminform"].form.fields


def test_role_groups_are_listed_by_danish_name(admin_client_role):
    response = admin_client_role.get(reverse("admin:auth_group_changelist"))

    assert response.status_code == 200
    html = response.content.decode()
    for role in Role:
        assert str(role.label) in html


def test_administrator_creates_api_token_for_integrator(admin_client_role, make_staff):
    integrator = make_staff(username="telefoni-integration")
    add_url = reverse("admin:authtoken_tokenproxy_add")

    assert admin_client_role.get(add_url).status_code == 200
    response = admin_client_role.post(add_url, {"user": integrator.pk})

    assert response.status_code == 302
    token = Token.objects.get(user=integrator)
    assert len(token.key) == 40
    listing = admin_client_role.get(reverse("admin:authtoken_tokenproxy_changelist"))
    assert token.key in listing.content.decode()


def test_front_desk_cannot_use_admin(client, make_staff):
    client.force_login(make_staff(Role.FRONT_DESK))

    response = client.get(reverse("admin:index"))

    assert response.status_code == 302
    assert "/admin/login/" in response.url
