"""Citizen start page with the demo catalogue and with ten times as many services.

Baseline: the start page with Demo Kommune's catalogue. Measured: the same page
after adding nine copies of every service. A ratio well under 10 means the page
scales with the catalogue, not worse; the query count must not change at all.
"""

from django.db import connection
from django.test import Client

from benchmarks._timing import best_of


def _render(client: Client) -> tuple[float, int]:
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        response = client.get("/")
    assert response.status_code == 200, response.status_code
    seconds = best_of(lambda: client.get("/"), repeat=5, number=3) / 3
    return seconds, len(queries)


def _multiply_services(copies: int) -> int:
    from indgang.catalogue.models import Service, ServiceChannel

    originals = list(Service.objects.prefetch_related("channels"))
    for n in range(1, copies + 1):
        for service in originals:
            channels = list(service.channels.all())
            clone = Service.objects.get(pk=service.pk)
            clone.pk = None
            clone.slug = f"{service.slug}-{n}"[:80]
            clone.name = f"{service.name} ({n})"
            clone.save()
            ServiceChannel.objects.bulk_create(
                ServiceChannel(
                    service=clone,
                    channel=c.channel,
                    response_deadline_days=c.response_deadline_days,
                )
                for c in channels
            )
    return Service.objects.count()


def run() -> None:
    from indgang.demo.services import demo_seed

    demo_seed()
    client = Client()
    from indgang.catalogue.models import Service

    small_n = Service.objects.count()
    small_t, small_q = _render(client)
    large_n = _multiply_services(9)
    large_t, large_q = _render(client)
    print(f"baseline: {small_n} services: {small_t * 1e3:8.1f} ms, {small_q} queries")
    print(f"measured: {large_n} services: {large_t * 1e3:8.1f} ms, {large_q} queries")
    print(f"ratio time large/small: {large_t / small_t:.2f} (services ×{large_n / small_n:.0f})")
    print(f"queries: {small_q} → {large_q} ({'constant' if small_q == large_q else 'GROWS'})")
