"""The file import (docs/contacts.md "File import"): all or nothing, every bad
row with its line number, idempotent, tallies kept."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Sum

from indgang.audit.models import AuditEvent
from indgang.contacts.imports import records_import
from indgang.contacts.models import Call, CallTally, Contact, ContactTally, SelfServiceCount
from tests.catalogue.factories import (
    DepartmentFactory,
    LocationFactory,
    ServiceFactory,
    SubjectAreaFactory,
)
from tests.conftest import local

pytestmark = pytest.mark.django_db

CALLS_HEADER = "call_id,line,arrived_at,answered_at,ended_at,result,subject_area,transferred_to"
CONTACTS_HEADER = (
    "contact_id,occurred_at,channel,point,location,subject_area,service,outcome,"
    "wait_seconds,handle_seconds"
)
SELF_SERVICE_HEADER = "service,period_start,period_end,digital,manual"

GOOD_CALLS = f"""{CALLS_HEADER}
c1,main,2019-03-04T09:00:00+01:00,2019-03-04T09:00:15+01:00,2019-03-04T09:04:00+01:00,resolved,borger,
c2,main,2019-03-04T09:01:00+01:00,,2019-03-04T09:01:30+01:00,abandoned,,
c3,department,2019-03-04T23:30:00+00:00,2019-03-04T23:31:00+00:00,2019-03-04T23:35:00+00:00,transferred,borger,pension
"""


@pytest.fixture
def catalogue():
    area = SubjectAreaFactory(slug="borger", name="Borger")
    other_area = SubjectAreaFactory(slug="sundhed", name="Sundhed")
    department = DepartmentFactory(slug="pension", name="Pension")
    location = LocationFactory(slug="radhuset", name="Rådhuset")
    passport = ServiceFactory(slug="pas", name="Pas", subject_area=area)
    card = ServiceFactory(slug="sundhedskort", name="Sundhedskort", subject_area=other_area)
    return {
        "area": area,
        "other_area": other_area,
        "department": department,
        "location": location,
        "passport": passport,
        "card": card,
    }


def run(kind: str, text: str, **kwargs):
    return records_import(kind=kind, stream=io.StringIO(text, newline=""), **kwargs)


def write(tmp_path, text: str, name: str = "data.csv", *, encoding: str = "utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return str(path)


# --- calls -------------------------------------------------------------------


def test_calls_are_stored_with_their_fields(catalogue):
    result = run("calls", GOOD_CALLS)

    assert result.ok
    assert (result.rows, result.created, result.existing) == (3, 3, 0)
    first = Call.objects.get(call_id="c1")
    assert first.line == "main"
    assert first.arrived_at == local(2019, 3, 4, 9, 0)
    assert first.wait_seconds == 15
    assert first.talk_seconds == 225
    assert first.subject_area == catalogue["area"]
    assert first.source == "import"
    abandoned = Call.objects.get(call_id="c2")
    assert abandoned.answered_at is None and abandoned.wait_seconds == 30
    assert Call.objects.get(call_id="c3").transferred_to == catalogue["department"]


def test_calls_are_counted_into_the_tallies_by_local_day(catalogue):
    run("calls", GOOD_CALLS)

    assert CallTally.objects.aggregate(n=Sum("calls"))["n"] == Call.objects.count() == 3
    # 23:30 UTC on 4 March is 00:30 on 5 March in Copenhagen.
    assert CallTally.objects.get(line="department").day == date(2019, 3, 5)
    assert CallTally.objects.filter(day=date(2019, 3, 4)).aggregate(n=Sum("calls"))["n"] == 2


def test_importing_the_same_calls_twice_stores_nothing_new(catalogue):
    run("calls", GOOD_CALLS)
    again = run("calls", GOOD_CALLS)

    assert again.ok
    assert (again.rows, again.created, again.existing) == (3, 0, 3)
    assert Call.objects.count() == 3
    assert CallTally.objects.aggregate(n=Sum("calls"))["n"] == 3


def test_a_file_with_some_new_calls_stores_only_those(catalogue):
    run("calls", GOOD_CALLS)
    more = GOOD_CALLS + (
        "c4,main,2019-03-05T10:00:00+01:00,2019-03-05T10:00:05+01:00,"
        "2019-03-05T10:02:00+01:00,callback,,\n"
    )

    result = run("calls", more)

    assert (result.rows, result.created, result.existing) == (4, 1, 3)
    assert CallTally.objects.aggregate(n=Sum("calls"))["n"] == 4


@pytest.mark.parametrize(
    ("row", "field", "reason"),
    [
        (
            "x,main,2019-13-04T09:00:00+01:00,,2019-03-04T09:01:00+01:00,abandoned,,",
            "arrived_at",
            "ISO 8601",
        ),
        (
            "x,main,2019-03-04T09:00:00,,2019-03-04T09:01:00+01:00,abandoned,,",
            "arrived_at",
            "tidszone",
        ),
        (
            "x,switchboard,2019-03-04T09:00:00+01:00,,2019-03-04T09:01:00+01:00,abandoned,,",
            "line",
            "department, main",
        ),
        (
            "x,main,2019-03-04T09:00:00+01:00,,2019-03-04T09:01:00+01:00,resolved,,",
            "answered_at",
            "abandoned",
        ),
        (
            "x,main,2019-03-04T09:00:00+01:00,,2019-03-04T08:59:00+01:00,abandoned,,",
            "ended_at",
            "før arrived_at",
        ),
        (
            "x,main,2019-03-04T09:00:00+01:00,,2019-03-04T09:01:00+01:00,abandoned,skat,",
            "subject_area",
            "“skat” findes ikke",
        ),
        (
            "x,main,2019-03-04T09:00:00+01:00,,2019-03-04T09:01:00+01:00,abandoned,,nowhere",
            "transferred_to",
            "findes ikke",
        ),
        (
            ",main,2019-03-04T09:00:00+01:00,,2019-03-04T09:01:00+01:00,abandoned,,",
            "call_id",
            "mangler",
        ),
        ("x,main,2019-03-04T09:00:00+01:00,,,abandoned,,", "ended_at", "mangler"),
    ],
)
def test_a_bad_call_row_is_reported_with_its_line_and_reason(catalogue, row, field, reason):
    text = GOOD_CALLS + row + "\n"

    result = run("calls", text)

    assert not result.ok
    [problem] = result.problems
    assert problem.line == 5
    assert field in problem.reasons
    assert reason in problem.reasons[field]
    assert Call.objects.count() == 0


def test_every_bad_row_is_listed_and_every_field_has_its_reason(catalogue):
    text = (
        f"{CALLS_HEADER}\n"
        "a,main,yesterday,,2019-03-04T09:01:00+01:00,,,\n"  # line 2
        "b,main,2019-03-04T09:00:00+01:00,2019-03-04T09:00:10+01:00,"
        "2019-03-04T09:01:00+01:00,resolved,,\n"  # line 3: good
        "c,nowhere,2019-03-04T09:00:00+01:00,,2019-03-04T09:01:00+01:00,abandoned,,\n"  # line 4
    )

    result = run("calls", text)

    assert [p.line for p in result.problems] == [2, 4]
    assert set(result.problems[0].reasons) == {"arrived_at", "result"}
    assert set(result.problems[1].reasons) == {"line"}
    assert str(result.problems[0]).startswith("Linje 2: arrived_at: ")
    assert "; result: mangler" in str(result.problems[0])


def test_line_numbers_count_quoted_line_breaks_and_blank_lines(catalogue):
    text = (
        f"{CALLS_HEADER}\n"
        "c1,main,2019-03-04T09:00:00+01:00,,2019-03-04T09:01:00+01:00,abandoned,,\n"  # 2
        "\n"  # 3: blank
        '"c\n2",main,2019-03-04T09:00:00+01:00,,2019-03-04T09:01:00+01:00,abandoned,,\n'  # 4-5
        "c3,main,2019-03-04T09:00:00+01:00,,2019-03-04T09:01:00+01:00,abandoned,nope,\n"  # 6
    )

    result = run("calls", text)

    assert result.rows == 3
    assert [p.line for p in result.problems] == [6]


def test_a_row_with_the_wrong_number_of_fields_is_a_problem(catalogue):
    text = GOOD_CALLS + "c9,main,2019-03-04T09:00:00+01:00\n"

    result = run("calls", text)

    [problem] = result.problems
    assert problem.line == 5
    assert "3 felter" in problem.text and "8" in problem.text


def test_the_same_call_id_twice_in_a_file_names_the_earlier_line(catalogue):
    text = GOOD_CALLS + (
        "c2,main,2019-03-05T09:01:00+01:00,,2019-03-05T09:01:30+01:00,abandoned,,\n"
    )

    result = run("calls", text)

    [problem] = result.problems
    assert problem.line == 5
    assert problem.reasons["call_id"] == "står også i linje 3"
    assert Call.objects.count() == 0


def test_one_bad_row_among_good_ones_stores_nothing_and_keeps_what_was_stored(catalogue):
    run("calls", GOOD_CALLS)
    tallies = list(CallTally.objects.order_by("pk").values())
    text = GOOD_CALLS + (
        "c4,main,2019-03-05T10:00:00+01:00,2019-03-05T10:00:05+01:00,"
        "2019-03-05T10:02:00+01:00,resolved,,\n"
        "c5,main,2019-03-05T10:00:00+01:00,,2019-03-05T10:02:00+01:00,resolved,,\n"
    )

    result = run("calls", text)

    assert not result.ok and result.created == 0
    assert [p.line for p in result.problems] == [6]
    assert sorted(Call.objects.values_list("call_id", flat=True)) == ["c1", "c2", "c3"]
    assert list(CallTally.objects.order_by("pk").values()) == tallies


def test_progress_is_reported_while_parsing_and_after_storing(catalogue, monkeypatch):
    monkeypatch.setattr("indgang.contacts.imports.PROGRESS_EVERY", 2)
    seen = []

    run("calls", GOOD_CALLS, progress=seen.append)

    assert seen == [2, 3]


# --- header and file ----------------------------------------------------------


def test_columns_may_come_in_any_order(catalogue):
    text = (
        "result,line,call_id,ended_at,answered_at,arrived_at,transferred_to,subject_area\n"
        "abandoned,main,z1,2019-03-04T09:01:00+01:00,,2019-03-04T09:00:00+01:00,,borger\n"
    )

    result = run("calls", text)

    assert result.ok and result.created == 1
    assert Call.objects.get(call_id="z1").subject_area == catalogue["area"]


def test_a_missing_or_unknown_column_is_a_header_error_naming_them(catalogue):
    text = (
        "call_id,line,arrived_at,answered_at,ended_at,result,subject_area,department\n"
        "c1,main,2019-03-04T09:00:00+01:00,,2019-03-04T09:01:00+01:00,abandoned,,\n"
    )

    result = run("calls", text)

    assert not result.ok
    assert "Kolonner mangler: transferred_to." in result.header_error
    assert "Ukendte kolonner: department." in result.header_error
    assert result.problems == [] and Call.objects.count() == 0


def test_a_file_of_another_kind_is_a_header_error(catalogue):
    result = run("self_service", GOOD_CALLS)

    assert "Kolonner mangler: service, period_start, period_end, digital, manual." in (
        result.header_error
    )


def test_an_empty_file_is_a_header_error(catalogue):
    assert "tom" in run("contacts", "").header_error


def test_a_byte_order_mark_is_accepted(catalogue, tmp_path):
    path = write(tmp_path, "\ufeff" + GOOD_CALLS)

    call_command("import_records", "calls", path, "--no-progress", stdout=io.StringIO())

    assert Call.objects.count() == 3


def test_a_byte_order_mark_is_accepted_by_the_service_too(catalogue):
    assert run("calls", "\ufeff" + GOOD_CALLS).created == 3


# --- contacts -----------------------------------------------------------------

GOOD_CONTACTS = f"""{CONTACTS_HEADER}
k1,2019-05-06T10:00:00+02:00,personal,desk,radhuset,,pas,resolved,120,300
k2,2019-05-06T11:00:00+02:00,email,,,sundhed,,,,
"k3",2019-05-07T12:00:00+02:00,chat,web,,,,referred_self_service,,60
"""


def test_contacts_are_stored_with_their_fields(catalogue):
    result = run("contacts", GOOD_CONTACTS)

    assert (result.rows, result.created, result.existing) == (3, 3, 0)
    first = Contact.objects.get(external_id="k1")
    assert (first.channel, first.point, first.outcome) == ("personal", "desk", "resolved")
    assert first.location == catalogue["location"]
    assert first.service == catalogue["passport"]
    # The subject area comes from the service when the row leaves it empty.
    assert first.subject_area == catalogue["area"]
    assert (first.wait_seconds, first.handling_seconds) == (120, 300)
    second = Contact.objects.get(external_id="k2")
    assert second.subject_area == catalogue["other_area"]
    assert second.point == "" and second.wait_seconds is None
    assert ContactTally.objects.aggregate(n=Sum("contacts"))["n"] == 3


def test_importing_the_same_contacts_twice_stores_nothing_new(catalogue):
    run("contacts", GOOD_CONTACTS)
    again = run("contacts", GOOD_CONTACTS)

    assert (again.created, again.existing) == (0, 3)
    assert Contact.objects.count() == 3
    assert ContactTally.objects.aggregate(n=Sum("contacts"))["n"] == 3


@pytest.mark.parametrize(
    ("row", "field", "reason"),
    [
        ("k9,2019-05-06T10:00:00+02:00,fax,,,,,,,", "channel", "fax"),
        ("k9,2019-05-06T10:00:00+02:00,personal,lobby,,,,,,", "point", "lobby"),
        ("k9,2019-05-06T10:00:00+02:00,personal,,,,,maybe,,", "outcome", "maybe"),
        ("k9,2019-05-06T10:00:00+02:00,personal,,nowhere,,,,,", "location", "findes ikke"),
        ("k9,2019-05-06T10:00:00+02:00,personal,,,,visum,,,", "service", "findes ikke"),
        ("k9,2019-05-06T10:00:00+02:00,personal,,,,,,-5,", "wait_seconds", "helt tal"),
        ("k9,2019-05-06T10:00:00+02:00,personal,,,,,,,1.5", "handle_seconds", "helt tal"),
        ("k9,,personal,,,,,,,", "occurred_at", "mangler"),
        ("k1,2019-05-06T10:00:00+02:00,personal,,,,,,,", "contact_id", "står også i linje 2"),
    ],
)
def test_a_bad_contact_row_is_reported_with_its_line_and_reason(catalogue, row, field, reason):
    result = run("contacts", GOOD_CONTACTS + row + "\n")

    [problem] = result.problems
    assert problem.line == 5
    assert reason in problem.reasons[field]
    assert Contact.objects.count() == 0


# --- self-service -------------------------------------------------------------

GOOD_SELF_SERVICE = f"""{SELF_SERVICE_HEADER}
pas,2019-01-01,2019-03-31,800,200
pas,2019-04-01,2019-06-30,900,100
sundhedskort,2019-01-01,2019-03-31,50,50
"""


def test_self_service_counts_are_stored(catalogue):
    result = run("self_service", GOOD_SELF_SERVICE)

    assert (result.rows, result.created, result.existing, result.updated) == (3, 3, 0, 0)
    count = SelfServiceCount.objects.get(service=catalogue["passport"], period_start="2019-01-01")
    assert (count.period_end, count.digital, count.manual) == (date(2019, 3, 31), 800, 200)


def test_self_service_again_with_other_numbers_is_a_correction(catalogue):
    run("self_service", GOOD_SELF_SERVICE)
    corrected = GOOD_SELF_SERVICE.replace("900,100", "950,50")

    result = run("self_service", corrected)

    assert (result.created, result.existing, result.updated) == (0, 2, 1)
    count = SelfServiceCount.objects.get(service=catalogue["passport"], period_start="2019-04-01")
    assert (count.digital, count.manual) == (950, 50)
    assert SelfServiceCount.objects.count() == 3


@pytest.mark.parametrize(
    ("row", "field", "reason"),
    [
        ("visum,2019-01-01,2019-03-31,1,1", "service", "findes ikke"),
        (",2019-01-01,2019-03-31,1,1", "service", "mangler"),
        ("pas,2019-02-30,2019-03-31,1,1", "period_start", "ikke en dato"),
        ("pas,2019-07-01,2019-06-30,1,1", "period_end", "før period_start"),
        ("pas,2019-07-01,2019-09-30,many,1", "digital", "helt tal"),
        ("pas,2019-07-01,2019-09-30,1,", "manual", "mangler"),
        ("pas,2019-04-01,2019-06-30,1,1", "", "samme ydelse og periode står også i linje 3"),
    ],
)
def test_a_bad_self_service_row_is_reported(catalogue, row, field, reason):
    result = run("self_service", GOOD_SELF_SERVICE + row + "\n")

    [problem] = result.problems
    assert problem.line == 5
    assert reason in problem.reasons[field]
    assert SelfServiceCount.objects.count() == 0


# --- the command --------------------------------------------------------------


def test_the_command_imports_and_prints_a_danish_summary(catalogue, tmp_path):
    path = write(tmp_path, GOOD_CALLS)
    out = io.StringIO()

    call_command("import_records", "calls", path, "--no-progress", stdout=out)

    assert out.getvalue().strip() == "3 rækker læst: 3 nye, 0 fandtes allerede."
    assert Call.objects.count() == 3
    event = AuditEvent.objects.get(action="contacts.import")
    assert event.extra["kind"] == "calls"
    assert (event.extra["rows"], event.extra["created"]) == (3, 3)


def test_the_command_twice_stores_nothing_new(catalogue, tmp_path):
    path = write(tmp_path, GOOD_CALLS)
    call_command("import_records", "calls", path, "--no-progress", stdout=io.StringIO())
    out = io.StringIO()

    call_command("import_records", "calls", path, "--no-progress", stdout=out)

    assert "0 nye, 3 fandtes allerede" in out.getvalue()
    assert Call.objects.count() == 3


def test_the_command_reports_self_service_corrections(catalogue, tmp_path):
    call_command(
        "import_records",
        "self_service",
        write(tmp_path, GOOD_SELF_SERVICE),
        "--no-progress",
        stdout=io.StringIO(),
    )
    out = io.StringIO()
    corrected = write(tmp_path, GOOD_SELF_SERVICE.replace("50,50", "60,40"), "v2.csv")

    call_command("import_records", "self_service", corrected, "--no-progress", stdout=out)

    assert out.getvalue().strip() == "3 rækker læst: 0 nye, 2 fandtes allerede, 1 rettet."


def test_the_command_lists_every_bad_row_and_fails(catalogue, tmp_path):
    text = GOOD_CONTACTS + (
        "k4,2019-05-06T10:00:00,fax,,,,,,,\n"  # line 5
        "k5,2019-05-06T10:00:00+02:00,personal,,,,,,,\n"  # line 6: good
        "k6,2019-05-06T10:00:00+02:00,personal,,,,,,x,\n"  # line 7
    )
    err = io.StringIO()

    with pytest.raises(CommandError, match="Intet er gemt"):
        call_command(
            "import_records", "contacts", write(tmp_path, text), "--no-progress", stderr=err
        )

    lines = err.getvalue().splitlines()
    assert lines[0].startswith("Linje 5: occurred_at: ")
    assert "; channel: skal være en af" in lines[0]
    assert lines[1].startswith("Linje 7: wait_seconds: ")
    assert Contact.objects.count() == 0
    assert not AuditEvent.objects.filter(action="contacts.import").exists()


def test_the_command_fails_on_a_header_error(catalogue, tmp_path):
    err = io.StringIO()

    with pytest.raises(CommandError):
        call_command(
            "import_records",
            "contacts",
            write(tmp_path, "contact_id,when\n1,2\n"),
            "--no-progress",
            stderr=err,
        )

    assert "Kolonner mangler: occurred_at, channel" in err.getvalue()
    assert "Ukendte kolonner: when." in err.getvalue()


def test_the_command_fails_on_a_file_that_is_not_utf8(catalogue, tmp_path):
    text = GOOD_CONTACTS + "kø4,2019-05-06T10:00:00+02:00,personal,,,,,,,\n"
    path = write(tmp_path, text, encoding="latin-1")
    err = io.StringIO()

    with pytest.raises(CommandError):
        call_command("import_records", "contacts", path, "--no-progress", stderr=err)

    assert "UTF-8" in err.getvalue()
    assert Contact.objects.count() == 0


def test_the_command_fails_on_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="findes ikke"):
        call_command("import_records", "calls", str(tmp_path / "none.csv"), "--no-progress")


def test_the_command_shows_a_progress_bar_on_request(catalogue, tmp_path, capsys):
    path = write(tmp_path, GOOD_CALLS)

    call_command("import_records", "calls", path, "--progress", stdout=io.StringIO())

    assert "3/3" in capsys.readouterr().err


def test_the_command_hides_the_progress_bar_when_asked(catalogue, tmp_path, capsys):
    path = write(tmp_path, GOOD_CALLS)

    call_command("import_records", "calls", path, "--no-progress", stdout=io.StringIO())

    assert capsys.readouterr().err == ""
