"""On PostgreSQL the database itself forbids two active bookings on one desk
at overlapping times: an exclusion constraint over the desk and the blocked
time range (btree_gist). SQLite has no such constraint; there booking_create
checks inside an IMMEDIATE (write-locked) transaction."""

from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE booking_booking ADD CONSTRAINT booking_no_overlap
    EXCLUDE USING gist (desk_id WITH =, tstzrange(start, blocked_until, '[)') WITH &&)
    WHERE (status = 'booked');
"""
DROP = "ALTER TABLE booking_booking DROP CONSTRAINT IF EXISTS booking_no_overlap;"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("booking", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
