"""The staff login page, logout and the staff start page."""

import pytest
from django.urls import reverse

from indgang.core.permissions import Role
from tests.catalogue.factories import DepartmentFactory

pytestmark = pytest.mark.django_db


def _login(client, username, password, **extra):
    return client.post(
        reverse("accounts:login"), {"username": username, "password": password}, **extra
    )


def test_login_page_is_danish_with_labels_and_autocomplete(client, login_url):
    response = client.get(login_url)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Log ind for medarbejdere" in html
    assert '<label class="form-label" for="id_username">Brugernavn</label>' in html
    assert '<label class="form-label" for="id_password">Adgangskode</label>' in html
    assert 'autocomplete="username"' in html
    assert 'autocomplete="current-password"' in html
    assert "alert-error" not in html


def test_login_with_correct_password_goes_to_staff_home(client, make_staff, password):
    user = make_staff(Role.FRONT_DESK)

    response = _login(client, user.username, password)

    assert response.status_code == 302
    assert response.url == reverse("accounts:home")
    assert client.session["_auth_user_id"] == str(user.pk)


def test_failed_login_shows_error_summary_linked_to_field(client, make_staff):
    user = make_staff(Role.FRONT_DESK)

    response = _login(client, user.username, "forkert")

    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-module="error-summary"' in html
    assert "Brugernavn eller adgangskode er forkert" in html
    assert 'href="#id_username"' in html
    assert "_auth_user_id" not in client.session


def test_empty_login_marks_fields_invalid_and_describes_errors(client):
    response = _login(client, "", "")

    html = response.content.decode()
    assert "Skriv dit brugernavn." in html
    assert "Skriv din adgangskode." in html
    assert 'id="id_username_error"' in html
    assert 'aria-describedby="id_username_error"' in html
    assert 'aria-invalid="true"' in html


def test_login_follows_next_on_this_site(client, make_staff, password):
    user = make_staff(Role.ADMINISTRATOR, is_staff=True)

    response = client.post(
        reverse("accounts:login"),
        {"username": user.username, "password": password, "next": "/admin/"},
    )

    assert response.status_code == 302
    assert response.url == "/admin/"


@pytest.mark.parametrize(
    "next_url", ["https://evil.example/", "//evil.example/", "http://testserver.evil.example/"]
)
def test_login_ignores_next_to_other_sites(client, make_staff, password, next_url):
    user = make_staff(Role.FRONT_DESK)

    response = client.post(
        reverse("accounts:login"),
        {"username": user.username, "password": password, "next": next_url},
    )

    assert response.status_code == 302
    assert response.url == reverse("accounts:home")


def test_login_form_keeps_next(client, login_url):
    response = client.get(login_url, {"next": "/admin/"})

    assert 'name="next" value="/admin/"' in response.content.decode()


def test_logged_in_user_visiting_login_goes_home(staff_client, login_url):
    response = staff_client.get(login_url)

    assert response.status_code == 302
    assert response.url == reverse("accounts:home")


def test_logout_needs_post(staff_client):
    assert staff_client.get(reverse("accounts:logout")).status_code == 405

    response = staff_client.post(reverse("accounts:logout"))

    assert response.status_code == 302
    assert response.url == reverse("accounts:login")
    assert "_auth_user_id" not in staff_client.session


def test_staff_home_needs_login(client, login_url):
    response = client.get(reverse("accounts:home"))

    assert response.status_code == 302
    assert response.url == f"{login_url}?next={reverse('accounts:home')}"


def test_staff_home_shows_user_roles_in_danish_and_department(client, make_staff):
    department = DepartmentFactory(name="Borgerservice")
    user = make_staff(
        Role.BACK_OFFICE,
        Role.CONTACT_CENTRE,
        first_name="Mette",
        last_name="Jensen",
        department=department,
    )
    client.force_login(user)

    response = client.get(reverse("accounts:home"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Mette Jensen" in html
    assert user.username in html
    assert "Kontaktcentermedarbejder" in html
    assert "Sagsbehandler" in html
    assert "back_office" not in html
    assert "Borgerservice" in html


def test_staff_home_links_admin_only_for_staff_flag(client, make_staff):
    client.force_login(make_staff(Role.FRONT_DESK))
    html = client.get(reverse("accounts:home")).content.decode()
    assert 'href="/admin/"' not in html
    assert f'href="{reverse("api-docs")}"' in html
    assert f'href="{reverse("catalogue:start")}"' in html
    assert f'action="{reverse("accounts:logout")}"' in html

    client.force_login(make_staff(Role.MANAGER, is_staff=True))
    html = client.get(reverse("accounts:home")).content.decode()
    assert 'href="/admin/"' in html


def test_user_without_role_gets_danish_403_after_login(client, make_staff, password):
    user = make_staff()  # no role

    response = _login(client, user.username, password)
    assert response.status_code == 302
    response = client.get(response.url)

    assert response.status_code == 403
    html = response.content.decode()
    assert "Du har ikke adgang til denne side" in html
    assert "ingen rolle" in html
    assert f'action="{reverse("accounts:logout")}"' in html


def test_superuser_without_groups_sees_home(client, make_staff):
    client.force_login(make_staff(is_superuser=True))

    response = client.get(reverse("accounts:home"))

    assert response.status_code == 200
    assert "Superbruger" in response.content.decode()


def test_staff_login_page_is_available_in_english(client):
    response = client.get("/en/personale/login/")

    assert response.status_code == 200
    assert response.headers["Content-Language"] == "en"
    assert "Adgangskode" not in response.content.decode()
