"""Intake from the mailbox: parsing with the stdlib email package, and
`manage.py fetch_mail` against a fake IMAP server (the one thing mocked)."""

import imaplib
import logging
from datetime import UTC, datetime
from email.message import EmailMessage
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from indgang.contacts.models import MailKind
from indgang.core.errors import DomainError
from indgang.digitalmail import imap
from indgang.digitalmail.imap import html_to_text, mail_parse
from indgang.digitalmail.models import Mail, MailSource
from tests.catalogue.factories import SubjectAreaFactory
from tests.digitalmail.factories import MailRuleFactory


def message(
    *,
    subject="Mit pas",
    text="Hvornår skal jeg forny mit pas?",
    html=None,
    message_id="<abc@example.org>",
    sender='"Karen Jensen" <karen@example.org>',
    date="Mon, 23 Nov 2026 09:15:00 +0100",
    headers=None,
    attachment=False,
) -> bytes:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = "post@kommune.example"
    msg["Subject"] = subject
    if message_id:
        msg["Message-ID"] = message_id
    if date:
        msg["Date"] = date
    for name, value in (headers or {}).items():
        msg[name] = value
    if text is not None:
        msg.set_content(text)
        if html is not None:
            msg.add_alternative(html, subtype="html")
    elif html is not None:
        msg.set_content(html, subtype="html")
    if attachment:
        msg.add_attachment(b"%PDF-1.4 hemmelig", maintype="application", subtype="pdf",
                           filename="bilag.pdf")  # fmt: skip
    return msg.as_bytes()


# Parsing -----------------------------------------------------------------------------


def test_a_plain_mail_is_parsed():
    parsed = mail_parse(message())
    assert parsed.message_id == "<abc@example.org>"
    assert parsed.kind == MailKind.PLAIN
    assert (parsed.sender_name, parsed.sender_address) == ("Karen Jensen", "karen@example.org")
    assert parsed.subject == "Mit pas"
    assert parsed.body == "Hvornår skal jeg forny mit pas?"
    assert parsed.received_at == datetime(2026, 11, 23, 8, 15, tzinfo=UTC)


def test_text_plain_is_preferred_to_html_and_attachments_are_ignored():
    raw = message(text="Ren tekst", html="<p>HTML-udgaven</p>", attachment=True)
    assert mail_parse(raw).body == "Ren tekst"


def test_an_html_only_mail_has_its_tags_stripped():
    html = (
        "<html><head><style>p {color: red}</style><title>x</title></head><body>"
        "<p>Hej &amp; goddag,</p><p>mit <b>kørekort</b> er væk.<br>Mvh Jonas</p>"
        "<script>alert(1)</script></body></html>"
    )
    body = mail_parse(message(text=None, html=html)).body
    assert body == "Hej & goddag,\n\nmit kørekort er væk.\nMvh Jonas"
    assert html_to_text("<div>a</div><div>b</div>") == "a\n\nb"


def test_encoded_danish_headers_are_decoded():
    raw = (
        b"From: =?utf-8?q?S=C3=B8ren_=C3=98stergaard?= <soeren@example.org>\r\n"
        b"Subject: =?utf-8?b?U3DDuHJnc23DpWwgb20gYm9saWdzdMO4dHRl?=\r\n"
        b"Message-ID: <x1@example.org>\r\n"
        b"Content-Type: text/plain; charset=iso-8859-1\r\n"
        b"Content-Transfer-Encoding: quoted-printable\r\n\r\n"
        b"K=E6re kommune, hvorn=E5r f=E5r jeg svar?\r\n"
    )
    parsed = mail_parse(raw)
    assert parsed.sender_name == "Søren Østergaard"
    assert parsed.subject == "Spørgsmål om boligstøtte"
    assert parsed.body == "Kære kommune, hvornår får jeg svar?"


def test_the_secure_header_marks_digital_post():
    assert mail_parse(message(headers={"X-Digital-Post": "1"})).kind == MailKind.SECURE
    assert mail_parse(message(headers={"X-Digital-Post": "no"})).kind == MailKind.PLAIN
    raw = message(headers={"X-Sikker-Post": "ja"})
    assert mail_parse(raw, secure_header="X-Sikker-Post").kind == MailKind.SECURE
    assert mail_parse(raw, secure_header="").kind == MailKind.PLAIN


def test_a_mail_without_message_id_is_named_by_its_hash(db):
    raw = message(message_id=None)
    assert mail_parse(raw).message_id.startswith("sha256:")
    assert mail_parse(raw).message_id == mail_parse(raw).message_id


# The mailbox -----------------------------------------------------------------------------


class FakeIMAP:
    """An IMAP server in memory: uid → (raw message, flags). Records calls."""

    mailbox: dict[bytes, list] = {}
    instances: list["FakeIMAP"] = []
    refuse_login = False

    def __init__(self, host, port, ssl_context=None):
        self.host, self.port = host, port
        self.selected = None
        self.logged_out = False
        FakeIMAP.instances.append(self)

    def login(self, user, password):
        if FakeIMAP.refuse_login:
            raise imaplib.IMAP4.error("[AUTHENTICATIONFAILED] Invalid credentials")
        self.user = user
        return "OK", [b"Logged in"]

    def select(self, folder):
        self.selected = folder
        return "OK", [str(len(self.mailbox)).encode()]

    def uid(self, command, *args):
        if command == "SEARCH":
            unseen = [uid for uid, (_raw, flags) in self.mailbox.items() if "\\Seen" not in flags]
            return "OK", [b" ".join(unseen)]
        if command == "FETCH":
            uid = args[0]
            assert args[1] == "(BODY.PEEK[])"  # fetching must not mark it seen
            raw = self.mailbox[uid][0]
            return "OK", [(uid + b" (UID " + uid + b" BODY[] {%d}" % len(raw), raw), b")"]
        if command == "STORE":
            uid, op, flags = args
            assert (op, flags) == ("+FLAGS", "(\\Seen)")
            self.mailbox[uid][1].add("\\Seen")
            return "OK", [b""]
        raise AssertionError(command)

    def logout(self):
        self.logged_out = True
        return "BYE", [b""]


@pytest.fixture
def mailbox(monkeypatch, settings):
    settings.MAIL_IMAP_HOST = "imap.kommune.example"
    settings.MAIL_IMAP_USER = "post@kommune.example"
    settings.MAIL_IMAP_PASSWORD = "hemmeligt-kodeord"
    settings.MAIL_IMAP_FOLDER = "Indbakke"
    FakeIMAP.mailbox = {}
    FakeIMAP.instances = []
    FakeIMAP.refuse_login = False
    monkeypatch.setattr(imap.imaplib, "IMAP4_SSL", FakeIMAP)
    return FakeIMAP.mailbox


def fetch(*args) -> str:
    out = StringIO()
    call_command("fetch_mail", "--no-progress", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_fetch_mail_stores_unseen_mail_triaged_and_marks_it_seen(db, mailbox):
    MailRuleFactory(words="pas", subject_area=SubjectAreaFactory(name="Pas"))
    mailbox[b"11"] = [message(), set()]
    mailbox[b"12"] = [message(message_id="<dp@x>", headers={"X-Digital-Post": "1"}), set()]
    mailbox[b"13"] = [message(message_id="<old@x>"), {"\\Seen"}]
    out = fetch()
    assert "2 ulæste mails: 2 nye, 0 fandtes allerede, 0 kunne ikke læses." in out
    plain = Mail.objects.get(message_id="<abc@example.org>")
    assert plain.source == MailSource.MAILBOX and plain.subject_area.name == "Pas"
    assert Mail.objects.get(message_id="<dp@x>").kind == MailKind.SECURE
    assert not Mail.objects.filter(message_id="<old@x>").exists()
    assert all("\\Seen" in flags for _raw, flags in mailbox.values())
    server = FakeIMAP.instances[0]
    assert (server.host, server.port, server.user, server.selected) == (
        "imap.kommune.example",
        993,
        "post@kommune.example",
        "Indbakke",
    )
    assert server.logged_out


def test_fetching_again_stores_nothing_new(db, mailbox):
    mailbox[b"11"] = [message(), set()]
    fetch()
    mailbox[b"11"][1].clear()  # e.g. marked unread again by a colleague
    assert "1 ulæste mails: 0 nye, 1 fandtes allerede" in fetch()
    assert Mail.objects.count() == 1


def test_a_mail_that_cannot_be_stored_stays_unseen_and_its_text_is_not_logged(
    db, mailbox, caplog, monkeypatch
):
    real = imap.mail_receive

    def refusing(**fields):
        if fields["message_id"] == "<bad@x>":
            raise DomainError("Ukendt type post.")
        return real(**fields)

    monkeypatch.setattr(imap, "mail_receive", refusing)
    mailbox[b"11"] = [message(message_id="<bad@x>", subject="Hemmeligt emne"), set()]
    mailbox[b"12"] = [message(message_id="<ok@x>", text="Hemmelig tekst"), set()]
    with caplog.at_level(logging.DEBUG):
        out = fetch()
    assert "2 ulæste mails: 1 nye, 0 fandtes allerede, 1 kunne ikke læses." in out
    assert mailbox[b"11"][1] == set() and "\\Seen" in mailbox[b"12"][1]
    assert Mail.objects.get().message_id == "<ok@x>"
    assert "uid 11" in caplog.text
    assert "Hemmelig" not in caplog.text and "hemmeligt-kodeord" not in caplog.text


def test_a_very_long_message_id_is_cut_to_fit(db, mailbox):
    mailbox[b"11"] = [message(message_id="<" + "x" * 300 + ">"), set()]
    fetch()
    assert len(Mail.objects.get().message_id) == 255


def test_an_unparseable_message_is_left_unseen_and_counted(db, mailbox, monkeypatch):
    def broken(raw, **kwargs):
        raise ValueError("cannot parse")

    monkeypatch.setattr(imap, "mail_parse", broken)
    mailbox[b"11"] = [message(), set()]
    out = fetch()
    assert "1 kunne ikke læses" in out
    assert mailbox[b"11"][1] == set()
    assert not Mail.objects.exists()


def test_without_a_host_the_command_says_so(db, settings):
    settings.MAIL_IMAP_HOST = ""
    with pytest.raises(CommandError, match="MAIL_IMAP_HOST"):
        fetch()


def test_a_refused_login_is_an_error_without_the_password(db, mailbox):
    FakeIMAP.refuse_login = True
    with pytest.raises(CommandError) as excinfo:
        fetch()
    assert "post@kommune.example" in str(excinfo.value)
    assert "hemmeligt-kodeord" not in str(excinfo.value)
    assert FakeIMAP.instances[0].logged_out


def test_the_folder_can_be_chosen(db, mailbox):
    fetch("--folder", "Digital Post")
    assert FakeIMAP.instances[0].selected == "Digital Post"
