"""On PostgreSQL the database itself forbids two active meetings in one
caseworker's calendar at overlapping times, as 0002 does for desks. SQLite has
no such constraint; there staff_meeting_book checks inside an IMMEDIATE
(write-locked) transaction."""

from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE booking_staffmeeting ADD CONSTRAINT staff_meeting_no_overlap
    EXCLUDE USING gist (calendar_id WITH =, tstzrange(start, blocked_until, '[)') WITH &&)
    WHERE (status = 'booked');
"""
DROP = "ALTER TABLE booking_staffmeeting DROP CONSTRAINT IF EXISTS staff_meeting_no_overlap;"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("booking", "0003_staff_calendars")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
