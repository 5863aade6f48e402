"""The demo guides give each citizen the right checklist: every branch of the
moving guide (daycare, school, housing benefit, property tax, doctor, waste,
pension, the move report and its deadline, arriving from abroad), through the
selectors and the API contract, and one rule of each other demo guide."""

from datetime import date, timedelta

import pytest

from indgang.core import clock
from indgang.demo.guides import demo_guides_seed
from indgang.demo.services import demo_seed
from indgang.guides.errors import AnswersInvalid
from indgang.guides.selectors import answers_parse, checklist_build, guide_get
from tests.conftest import local

MOVING_DATE = date(2027, 3, 15)
CHECKLIST = "/api/v1/guides/flytning/checklist/"

# Step titles of the moving guide, as the citizen reads them.
REPORT = "Meld flytning"
CPR = "Bliv registreret i folkeregistret (CPR)"
DAYCARE = "Skriv dit barn op til dagpleje, vuggestue eller børnehave"
DAYCARE_CHANGE = "Skal dit barn skifte dagtilbud?"
SCHOOL = "Skriv dit barn ind i skolen"
SCHOOL_CHANGE = "Skal dit barn skifte skole? (frivilligt)"
DOCTOR = "Vælg læge – nyt sundhedskort kommer automatisk"
HOUSING_BENEFIT = "Søg boligstøtte til den nye bolig"
HOUSING_BENEFIT_PENSIONER = "Søg boligydelse til den nye bolig"
PENSION = "Din folkepension følger med"
PROPERTY_TAX = "Ejendomsskat på din nye bolig"
TAX_ASSESSMENT = "Ret din forskudsopgørelse"
PROPERTY_TAX_LOAN = "Lån til ejendomsskatten"
WASTE_OWNER = "Affaldsordning og beholdere"
WASTE_TENANT = "Affald og storskrald"
MITID = "Få MitID"
DIGITAL_POST = "Læs din Digital Post"


@pytest.fixture
def seeded(db):
    with clock.frozen(at=local(2026, 11, 23, 9, 0)):
        demo_seed(password="korrekt-hest-batteri-haefteklamme")
        demo_guides_seed()


def answers(**overrides) -> dict:
    """JSON answers of a family moving from another municipality to rent."""
    base = {
        "moving_date": MOVING_DATE.isoformat(),
        "from": "other_municipality",
        "children_under_6": False,
        "children_school_age": False,
        "housing": "rent",
        "pensioner": False,
    }
    return {**base, **overrides}


def checklist(slug: str = "flytning", **overrides) -> list:
    guide = guide_get(slug=slug)
    data = answers(**overrides) if slug == "flytning" else overrides
    return checklist_build(guide=guide, answers=answers_parse(guide=guide, data=data))


def titles(steps) -> list[str]:
    return [s.title for s in steps]


def step(steps, title):
    return next(s for s in steps if s.title == title)


# --- Moving: the move report ------------------------------------------------------


@pytest.mark.parametrize("origin", ["same_municipality", "other_municipality"])
def test_move_report_is_due_five_days_after_moving(seeded, origin):
    report = step(checklist(**{"from": origin}), REPORT)
    assert report.deadline == date(2027, 3, 20) == MOVING_DATE + timedelta(days=5)
    assert report.deadline_text == "Senest 20. marts 2027"
    assert report.service == "flytning"
    assert report.channel == "self_service"
    assert report.url.startswith("https://www.borger.dk/")
    assert report.authority == "Demo Kommune"
    assert "senest 5 dage efter" in report.description
    assert "tidligst melde flytning 4 uger før" in report.description


def test_from_abroad_registers_in_person_instead_of_the_online_report(seeded):
    steps = checklist(**{"from": "abroad"})
    assert REPORT not in titles(steps)
    cpr = step(steps, CPR)
    assert cpr.service == "indrejse"
    assert cpr.deadline == MOVING_DATE + timedelta(days=5)
    assert "Borgerservice" in cpr.description
    # MitID, Digital Post and a doctor come with arriving from abroad.
    assert {MITID, DIGITAL_POST, DOCTOR} <= set(titles(steps))
    assert step(steps, DIGITAL_POST).channel == "link"
    assert step(steps, DIGITAL_POST).url == "https://mit.dk/"
    assert step(steps, DIGITAL_POST).authority == "Digitaliseringsstyrelsen"


@pytest.mark.parametrize("origin", ["same_municipality", "other_municipality"])
def test_moving_within_denmark_has_no_cpr_registration_mitid_or_digital_post(seeded, origin):
    names = titles(checklist(**{"from": origin}))
    assert CPR not in names and MITID not in names and DIGITAL_POST not in names


# --- Moving: daycare and school --------------------------------------------------------


@pytest.mark.parametrize("origin", ["other_municipality", "abroad"])
def test_children_under_6_moving_in_get_daycare_three_months_ahead(seeded, origin):
    steps = checklist(**{"from": origin, "children_under_6": True})
    daycare = step(steps, DAYCARE)
    assert daycare.service == "pladsanvisning"
    assert daycare.deadline == date(2026, 12, 15) == MOVING_DATE - timedelta(days=90)
    assert DAYCARE_CHANGE not in titles(steps)


def test_children_under_6_moving_within_the_municipality_keep_their_place(seeded):
    steps = checklist(**{"from": "same_municipality", "children_under_6": True})
    assert DAYCARE not in titles(steps)
    change = step(steps, DAYCARE_CHANGE)
    assert change.service == "pladsanvisning" and change.deadline is None


@pytest.mark.parametrize("origin", ["same_municipality", "other_municipality", "abroad"])
def test_no_daycare_without_children_under_6(seeded, origin):
    steps = checklist(**{"from": origin, "children_under_6": False})
    assert not any(s.service == "pladsanvisning" for s in steps)


@pytest.mark.parametrize("origin", ["other_municipality", "abroad"])
def test_school_age_children_moving_in_are_enrolled(seeded, origin):
    steps = checklist(**{"from": origin, "children_school_age": True})
    school = step(steps, SCHOOL)
    assert school.service == "skoleindskrivning"
    assert school.deadline == MOVING_DATE - timedelta(days=14)
    assert SCHOOL_CHANGE not in titles(steps)


def test_school_age_children_moving_within_the_municipality_may_change_school(seeded):
    steps = checklist(**{"from": "same_municipality", "children_school_age": True})
    assert SCHOOL not in titles(steps)
    change = step(steps, SCHOOL_CHANGE)
    assert change.deadline is None and "kan blive på sin skole" in change.description


@pytest.mark.parametrize("origin", ["same_municipality", "other_municipality", "abroad"])
def test_no_school_step_without_school_age_children(seeded, origin):
    steps = checklist(**{"from": origin, "children_school_age": False})
    assert not any(s.service == "skoleindskrivning" for s in steps)


# --- Moving: doctor and health card ---------------------------------------------------


def test_doctor_and_health_card_when_moving_to_a_new_municipality(seeded):
    for origin in ("other_municipality", "abroad"):
        doctor = step(checklist(**{"from": origin}), DOCTOR)
        assert doctor.service == "sundhedskort-og-laegeskift"
        assert "15 km" in doctor.description and "automatisk" in doctor.description
    assert DOCTOR not in titles(checklist(**{"from": "same_municipality"}))


# --- Moving: renting, owning, pension ------------------------------------------------


def test_renters_get_housing_benefit_and_no_property_tax(seeded):
    steps = checklist(housing="rent", pensioner=False)
    benefit = step(steps, HOUSING_BENEFIT)
    assert benefit.service == "boligstoette"
    assert benefit.authority == "Udbetaling Danmark"
    assert benefit.channel == "self_service"
    names = titles(steps)
    assert PROPERTY_TAX not in names and TAX_ASSESSMENT not in names
    assert WASTE_TENANT in names and WASTE_OWNER not in names
    assert not any(s.service == "ejendomsskat" for s in steps)


def test_owners_get_property_tax_and_waste_and_no_housing_benefit(seeded):
    steps = checklist(housing="own", pensioner=False)
    tax = step(steps, PROPERTY_TAX)
    assert tax.service == "ejendomsskat" and tax.authority == "Demo Kommune"
    assert step(steps, TAX_ASSESSMENT).authority == "Skattestyrelsen"
    assert step(steps, WASTE_OWNER).service == "affald"
    names = titles(steps)
    assert WASTE_TENANT not in names
    assert not any(s.service == "boligstoette" for s in steps)
    assert PROPERTY_TAX_LOAN not in names and PENSION not in names


def test_pensioner_renting_applies_for_boligydelse_and_keeps_the_pension(seeded):
    steps = checklist(housing="rent", pensioner=True)
    names = titles(steps)
    assert HOUSING_BENEFIT_PENSIONER in names and HOUSING_BENEFIT not in names
    assert step(steps, HOUSING_BENEFIT_PENSIONER).service == "boligstoette"
    pension = step(steps, PENSION)
    assert pension.service == "folkepension"
    assert "ikke søge folkepension igen" in pension.description
    assert PROPERTY_TAX_LOAN not in names


def test_pensioner_owning_can_borrow_for_the_property_tax(seeded):
    steps = checklist(housing="own", pensioner=True)
    names = titles(steps)
    assert {PENSION, PROPERTY_TAX, PROPERTY_TAX_LOAN} <= set(names)
    assert not any(s.service == "boligstoette" for s in steps)


def test_no_pension_step_for_non_pensioners(seeded):
    for housing in ("rent", "own"):
        assert PENSION not in titles(checklist(housing=housing, pensioner=False))


# --- Moving: order --------------------------------------------------------------------


def test_checklist_is_ordered_by_deadline_with_undated_steps_last(seeded):
    steps = checklist(children_under_6=True, children_school_age=True, housing="own")
    dated = [s for s in steps if s.deadline]
    assert titles(dated) == [DAYCARE, SCHOOL, REPORT]
    assert [s.deadline for s in dated] == sorted(s.deadline for s in dated)
    assert steps[: len(dated)] == dated
    assert all(s.deadline is None for s in steps[len(dated) :])
    assert len(steps) > len(dated)
    # Undated steps keep the guide's order.
    assert titles(steps[len(dated) :]) == [DOCTOR, PROPERTY_TAX, TAX_ASSESSMENT, WASTE_OWNER]


def test_every_branch_step_names_an_authority_and_a_way_to_act(seeded):
    for origin in ("same_municipality", "other_municipality", "abroad"):
        for housing in ("rent", "own"):
            for flag in (True, False):
                steps = checklist(
                    **{"from": origin},
                    housing=housing,
                    pensioner=flag,
                    children_under_6=flag,
                    children_school_age=flag,
                )
                for s in steps:
                    assert s.authority and s.url, s.title
                    assert s.channel in {"self_service", "booking", "phone", "link"}


# --- Moving: answers -------------------------------------------------------------------


def test_bad_answers_name_the_question(seeded):
    guide = guide_get(slug="flytning")
    with pytest.raises(AnswersInvalid) as missing:
        answers_parse(guide=guide, data={k: v for k, v in answers().items() if k != "pensioner"})
    assert set(missing.value.errors) == {"pensioner"}
    with pytest.raises(AnswersInvalid) as bad:
        answers_parse(guide=guide, data=answers(children_under_6="ja"))
    assert set(bad.value.errors) == {"children_under_6"}


# --- Moving: the API contract ---------------------------------------------------------


def post(client, data):
    return client.post(CHECKLIST, {"answers": data}, content_type="application/json")


def test_api_checklist_for_a_family_moving_in_to_rent(seeded, client):
    response = post(
        client, answers(children_under_6=True, children_school_age=True, housing="rent")
    )
    assert response.status_code == 200, response.content
    steps = response.json()["steps"]
    assert [s["title"] for s in steps[:3]] == [DAYCARE, SCHOOL, REPORT]
    assert [s["deadline"] for s in steps[:3]] == ["2026-12-15", "2027-03-01", "2027-03-20"]
    assert all(s["deadline"] is None for s in steps[3:])
    services = [s["service"] for s in steps]
    assert "boligstoette" in services and "ejendomsskat" not in services
    report = next(s for s in steps if s["service"] == "flytning")
    assert {k: report[k] for k in ("title", "authority", "channel", "deadline")} == {
        "title": REPORT,
        "authority": "Demo Kommune",
        "channel": "self_service",
        "deadline": "2027-03-20",
    }
    assert report["url"].startswith("https://www.borger.dk/")


def test_api_checklist_from_abroad_has_cpr_registration_not_the_move_report(seeded, client):
    response = post(client, answers(**{"from": "abroad"}, housing="own", pensioner=True))
    assert response.status_code == 200
    steps = response.json()["steps"]
    services = [s["service"] for s in steps]
    assert "indrejse" in services and "flytning" not in services
    assert steps[0]["service"] == "indrejse" and steps[0]["deadline"] == "2027-03-20"
    assert {"ejendomsskat", "laan-til-ejendomsskat", "folkepension", "mitid-app"} <= set(services)
    assert "boligstoette" not in services


def test_api_rejects_a_missing_moving_date(seeded, client):
    data = answers()
    del data["moving_date"]
    response = post(client, data)
    assert response.status_code == 400
    body = response.json()
    assert "moving_date" in body["detail"]
    assert set(body["answers"]) == {"moving_date"}


def test_api_rejects_an_unknown_origin(seeded, client):
    response = post(client, answers(**{"from": "mars"}))
    assert response.status_code == 400
    body = response.json()
    assert "from" in body["detail"] and set(body["answers"]) == {"from"}


def test_api_rejects_yes_no_as_text_and_dates_in_danish_format(seeded, client):
    assert post(client, answers(pensioner="yes")).status_code == 400
    response = post(client, answers(moving_date="15-03-2027"))
    assert response.status_code == 400 and set(response.json()["answers"]) == {"moving_date"}


def test_api_lists_the_demo_guides(seeded, client):
    slugs = [g["slug"] for g in client.get("/api/v1/guides/").json()["guides"]]
    assert slugs == ["flytning", "foedsel", "aegteskab", "doedsfald", "pension", "ny-i-danmark"]
    detail = client.get("/api/v1/guides/flytning/").json()
    keys = [q["key"] for q in detail["questions"]]
    assert keys == [
        "moving_date",
        "from",
        "children_under_6",
        "children_school_age",
        "housing",
        "pensioner",
    ]
    origin = next(q for q in detail["questions"] if q["key"] == "from")
    assert [c["value"] for c in origin["choices"]] == [
        "same_municipality",
        "other_municipality",
        "abroad",
    ]


# --- The other guides: one rule each ---------------------------------------------------


def test_birth_unmarried_parents_register_paternity_within_four_weeks(seeded):
    born = date(2027, 1, 10)
    steps = checklist(
        "foedsel",
        birth_date=born.isoformat(),
        married=False,
        baptism=False,
        working=True,
        needs_daycare=True,
    )
    assert steps
    paternity = step(steps, "Registrér faderskab eller medmoderskab")
    assert paternity.deadline == born + timedelta(days=28)
    assert steps[0] == paternity
    naming = step(steps, "Giv barnet navn på borger.dk")
    assert naming.deadline == born + timedelta(days=180)
    assert naming.authority == "Sognet (personregistrering)"
    assert "Giv barnet navn ved dåben" not in titles(steps)
    assert {"pladsanvisning", "boerne-og-ungeydelse"} <= {s.service for s in steps}
    married = checklist(
        "foedsel",
        birth_date=born.isoformat(),
        married=True,
        baptism=True,
        working=False,
        needs_daycare=False,
    )
    assert "Registrér faderskab eller medmoderskab" not in titles(married)
    assert "Giv barnet navn ved dåben" in titles(married)


def test_marriage_approval_is_due_six_weeks_before_the_wedding(seeded):
    wedding = date(2027, 6, 12)
    steps = checklist(
        "aegteskab",
        wedding_date=wedding.isoformat(),
        civil_ceremony=True,
        foreign_partner=False,
        name_change=True,
    )
    approval = steps[0]
    assert approval.service == "proevelse-af-aegteskabsbetingelser"
    assert approval.authority == "Familieretshuset"
    assert approval.deadline == wedding - timedelta(days=42)
    assert "vielse" in {s.service for s in steps}
    church = checklist(
        "aegteskab",
        wedding_date=wedding.isoformat(),
        civil_ceremony=False,
        foreign_partner=True,
        name_change=False,
    )
    assert "vielse" not in {s.service for s in church}
    assert "Aftal vielsen med kirken" in titles(church)


def test_death_is_reported_within_two_days_and_funeral_within_eight(seeded):
    died = date(2027, 2, 1)
    steps = checklist(
        "doedsfald",
        date_of_death=died.isoformat(),
        spouse=False,
        deceased_pensioner=True,
        rented_home=True,
        housing_benefit=False,
    )
    assert [s.deadline for s in steps[:3]] == [
        died + timedelta(days=2),
        died + timedelta(days=8),
        died + timedelta(days=180),
    ]
    assert steps[0].authority == "Sognet (personregistrering)"
    assert steps[2].authority == "Udbetaling Danmark"
    assert "Opsig afdødes lejebolig" in titles(steps)
    assert "folkepension" in {s.service for s in steps}
    assert "Uskiftet bo eller ægtefælleudlæg" not in titles(steps)


def test_retirement_application_is_due_three_months_before_pension_age(seeded):
    pension_day = date(2027, 9, 1)
    steps = checklist(
        "pension", pension_date=pension_day.isoformat(), housing="rent", low_income=True
    )
    first = steps[0]
    assert first.service == "folkepension"
    assert first.deadline == pension_day - timedelta(days=90)
    services = {s.service for s in steps}
    assert {"boligstoette", "helbredstillaeg"} <= services
    assert "laan-til-ejendomsskat" not in services
    assert "Ældrecheck kommer automatisk" in titles(steps)


def test_new_in_denmark_eu_citizen_gets_registration_certificate_then_cpr(seeded):
    arrived = date(2027, 4, 1)
    steps = checklist(
        "ny-i-danmark",
        arrival_date=arrived.isoformat(),
        citizenship="eu",
        has_job=True,
        children=True,
        children_under_6=False,
        children_school_age=True,
    )
    assert [(s.service, s.deadline) for s in steps[:2]] == [
        ("indrejse", arrived + timedelta(days=5)),
        ("eu-registreringsbevis", arrived + timedelta(days=90)),
    ]
    services = {s.service for s in steps}
    assert {"mitid-app", "sundhedskort-og-laegeskift", "forskudsopgoerelse"} <= services
    assert "skoleindskrivning" in services and "pladsanvisning" not in services
    assert "Læs din Digital Post" in titles(steps)


def test_new_in_denmark_non_eu_needs_a_permit_and_children_questions_only_with_children(
    seeded,
):
    guide = guide_get(slug="ny-i-danmark")
    parsed = answers_parse(
        guide=guide,
        data={
            "arrival_date": "2027-04-01",
            "citizenship": "other",
            "has_job": False,
            "children": False,
        },
    )
    steps = checklist_build(guide=guide, answers=parsed)
    permit = step(steps, "Opholdstilladelse")
    assert permit.authority == "Udlændingestyrelsen"
    assert permit.url == "https://www.nyidanmark.dk/"
    assert "eu-registreringsbevis" not in {s.service for s in steps}
    assert "forskudsopgoerelse" not in {s.service for s in steps}
