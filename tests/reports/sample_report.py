"""A realistic citizen-service report in the shape `citizen_service_report()`
returns (docs/reports.md), for tests that only render. `sample_report()`
gives a fresh deep copy each time, so a test may change it."""

from __future__ import annotations

import copy

SAMPLE_REPORT: dict = {
    "year": 2019,
    "quarter": None,
    "period": {"start": "2019-01-01", "end": "2019-12-31"},
    "generated_at": "2020-01-15T09:30:00+01:00",
    "personal": {
        "expeditions": {
            "total": 41250,
            "by_quarter": [10500, 11200, 9100, 10450],
            "previous_year_total": 43010,
            "change_pct": -4.1,
        },
        "by_subject_area": {"pas": 12040, "koerekort": 9210, "sundhed": 4033},
        "saturday": 1830,
        "information_desk": 22100,
        "cash_desk": 3100,
        "co_service": 5400,
    },
    "switchboard": {
        "incoming": 120000,
        "answered": 111600,
        "abandoned": 8400,
        "answered_pct": 93.0,
        "abandoned_pct": 7.0,
        "answered_wait": {"within_10s": 70000, "10_to_60s": 36600, "over_60s": 5000},
        "abandoned_wait": {"within_10s": 2100, "10_to_60s": 4300, "over_60s": 2000},
        "by_quarter": [
            {"incoming": 31000, "abandoned": 2300},
            {"incoming": 30500, "abandoned": 2100},
            {"incoming": 27500, "abandoned": 1800},
            {"incoming": 31000, "abandoned": 2200},
        ],
    },
    "contact_centre": {
        "service_level_pct": 76.4,
        "abandoned_after_20s_pct": 5.1,
        "first_contact_resolution_pct": {"year": 42.7, "by_quarter": [40.2, 43.9, 44.1, 42.5]},
        "futile_calls": 1450,
        "returned_calls": 620,
        "calls_per_resolved_question": 2.71,
        "incoming": 131000,
        "resolved": 48340,
    },
    "self_service": {
        "flytning": {
            "digital": 9100,
            "manual": 700,
            "digitisation_pct": 92.9,
            "by_quarter": [91.5, 92.8, 93.4, 93.7],
            "mandatory": True,
        },
        "pas": {
            "digital": 2100,
            "manual": 5300,
            "digitisation_pct": 28.4,
            "by_quarter": [25.0, 27.9, 29.1, None],
            "mandatory": False,
        },
        "sygesikring": {
            "digital": 3300,
            "manual": 1200,
            "digitisation_pct": 73.3,
            "by_quarter": [70.0, 72.4, 74.0, 76.9],
            "mandatory": True,
        },
    },
    "channels": {
        "year": {
            "personal": 71850,
            "phone": 131000,
            "self_service": 16000,
            "chat": 2400,
            "email": 8700,
            "digital_post": 30100,
            "letter": 900,
            "video": 150,
            "total": 261100,
            "digital_share_pct": 21.7,
        },
        "by_year": [
            {
                "year": 2018,
                "personal": 76100,
                "phone": 138500,
                "self_service": 13900,
                "chat": 1200,
                "email": 9400,
                "digital_post": 26400,
                "letter": 1300,
                "video": 0,
                "total": 266800,
                "digital_share_pct": 19.0,
            },
            {
                "year": 2019,
                "personal": 71850,
                "phone": 131000,
                "self_service": 16000,
                "chat": 2400,
                "email": 8700,
                "digital_post": 30100,
                "letter": 900,
                "video": 150,
                "total": 261100,
                "digital_share_pct": 21.7,
            },
        ],
    },
    "by_subject_area": {"pas": 21500, "koerekort": 17900, "sundhed": 15800, "ydelser": 30400},
    "phone_by_subject_area": {
        "pas": {"calls": 18200, "resolved": 9100},
        "sundhed": {"calls": 22700, "resolved": 10300},
        "ydelser": {"calls": 41800, "resolved": 14900},
    },
    "digital_mail": {
        "secure": 26400,
        "plain": 3700,
        "by_subject_area": {"sundhed": 9100, "ydelser": 14300},
        "forwarded_to": {"jobcenter": 2800, "skat": 1100},
    },
    "booking": {
        "channels": {"web": 9800, "phone": 2100, "in_person": 850, "sms": 0},
        "served_on_time": {
            "total": 12400,
            "on_time_pct": 88.6,
            "buckets": {"before": 3100, "on_time": 7890, "late_1_10": 1190, "late_over_10": 220},
        },
        "survey": {
            "answers": 410,
            "questions": [
                {
                    "field": "how_booked",
                    "question": "Hvordan bestilte du tid?",
                    "answered": 410,
                    "rows": [
                        {"value": "web", "label": "På nettet", "count": 330, "pct": 80.5},
                        {"value": "phone", "label": "Over telefonen", "count": 80, "pct": 19.5},
                    ],
                }
            ],
        },
    },
    "targets": {
        "service_level_pct": 80.0,
        "abandoned_after_20s_pct": 8.0,
        "first_contact_resolution_pct": 40.0,
        "digitisation_pct": 80.0,
        "digital_share_pct": 50.0,
    },
    "kpis": [
        {
            "key": "service_level_pct",
            "label": "Besvaret inden for 20 sek.",
            "value": 76.4,
            "target": 80.0,
            "direction": "at_least",
            "met": False,
        },
        {
            "key": "abandoned_after_20s_pct",
            "label": "Lagt på efter 20 sek.",
            "value": 5.1,
            "target": 8.0,
            "direction": "at_most",
            "met": True,
        },
        {
            "key": "first_contact_resolution_pct",
            "label": "Straksafklaring",
            "value": 42.7,
            "target": 40.0,
            "direction": "at_least",
            "met": True,
        },
        {
            "key": "digitisation_pct",
            "label": "Digitaliseringsgrad, obligatorisk selvbetjening",
            "value": 86.6,
            "target": 80.0,
            "direction": "at_least",
            "met": True,
        },
        {
            "key": "digital_share_pct",
            "label": "Digital andel af alle henvendelser",
            "value": 21.7,
            "target": 50.0,
            "direction": "at_least",
            "met": False,
        },
    ],
    "labels": {
        "subject_areas": {
            "pas": "Pas",
            "koerekort": "Kørekort",
            "sundhed": "Sundhed og sygesikring",
            "ydelser": "Ydelser og pension",
        },
        "services": {
            "flytning": "Flytning",
            "pas": "Pas",
            "sygesikring": "Sundhedskort",
        },
        "departments": {"jobcenter": "Jobcenter", "skat": "Skat"},
        "channels": {
            "personal": "Personligt fremmøde",
            "phone": "Telefon",
            "self_service": "Selvbetjening",
            "chat": "Chat",
            "email": "E-mail",
            "digital_post": "Digital post",
            "letter": "Brev",
            "video": "Video",
        },
        "outcomes": {"resolved": "Løst"},
    },
}


def sample_report(**changes) -> dict:
    """A deep copy of SAMPLE_REPORT with top-level keys replaced."""
    report = copy.deepcopy(SAMPLE_REPORT)
    report.update(changes)
    return report
