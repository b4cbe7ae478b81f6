"""The benchmark's fictional register: people with timelines that follow the policy's pathways."""

from __future__ import annotations

import datetime as dt
import random

from opendsr.bench import TODAY


class Register:
    """Makes the fictional register. Timelines follow the policy's pathways: referral, rating, consent; for red
    and amber, keyworker referral, meetings and community reviews; for some, admission, reviews, oversight
    visits, transfers and discharge."""

    def __init__(self, rng: random.Random, people: int):
        self.rng = rng
        self.people = people

    def build(self):
        from django.db import transaction

        from opendsr.accounts.models import Organisation, OrganisationKind, Role, Team, User
        from opendsr.register.models import Person, TimelineEvent
        from opendsr.register.nhs_numbers import test_range

        rng = self.rng
        icb = Organisation.objects.create(
            name="NHS Benchmark Integrated Care Board", kind=OrganisationKind.ICB
        )
        teams = [Team.objects.create(name=f"Community team {n + 1}", icb=icb) for n in range(10)]
        # No passwords: the benchmark logs its users in directly (and password hashing is slow on purpose).
        lead = User.objects.create_user("lead@bench.example", None, role=Role.DSR_LEAD, icb=icb)
        managers = [
            User.objects.create_user(
                f"manager{n}@bench.example", None, role=Role.CASE_MANAGER, icb=icb, team=team
            )
            for n, team in enumerate(t for t in teams for _ in range(5))
        ]
        numbers = test_range(self.people)
        given = ["Alex", "Jordan", "Casey", "Riley", "Morgan", "Jamie", "Sam", "Charlie", "Robin", "Taylor"]
        family = ["Smith", "Jones", "Patel", "Khan", "Brown", "Wilson", "Evans", "Taylor", "Ahmed", "Walker"]
        event_count = 0
        chunk = 5000
        for start in range(0, self.people, chunk):
            people, plans = [], []
            for n in range(start, min(start + chunk, self.people)):
                manager = managers[n % len(managers)]
                plan = self.timeline()
                people.append(
                    Person(
                        icb=icb,
                        team_id=manager.team_id,
                        case_manager=manager,
                        status="active",
                        nhs_number=next(numbers),
                        given_name=rng.choice(given),
                        family_name=f"{rng.choice(family)}{n}",
                        date_of_birth=plan["born"],
                        diagnosis=rng.choice(["autistic", "learning_disability", "both"]),
                        has_ehcp=plan["ehcp"],
                        has_unpaid_carer=rng.random() < 0.4,
                        known_to_keyworker=rng.random() < 0.2,
                        moj_restricted=rng.random() < 0.01,
                        location=plan["location"],
                        current_rating=plan["rating"],
                    )
                )
                plans.append(plan["events"])
            with transaction.atomic():
                Person.objects.bulk_create(people, batch_size=chunk)
                events = [
                    TimelineEvent(person_id=person.pk, date=date, type=type_, data=data)
                    for person, plan in zip(people, plans, strict=True)
                    for date, type_, data in plan
                ]
                TimelineEvent.objects.bulk_create(events, batch_size=5000)
            event_count += len(events)
        return lead, managers, event_count

    def timeline(self) -> dict:
        rng = self.rng
        day = lambda start, low, high: start + dt.timedelta(days=rng.randint(low, high))  # noqa: E731
        child = rng.random() < 0.3
        born = day(TODAY, -17 * 365, -4 * 365) if child else day(TODAY, -60 * 365, -19 * 365)
        received = day(TODAY, -3 * 365, -2)
        events = [(received, "referral_received", {"source": rng.choice(["professional", "self", "family"])})]
        if rng.random() < 0.92:
            events.append((day(received, 1, 8), "referral_acknowledged", {}))
        rating = ""
        location = "community"
        if received + dt.timedelta(days=40) < TODAY and rng.random() < 0.95 or rng.random() < 0.5:
            rated = min(day(received, 5, 35), TODAY)
            rating = rng.choices(["red", "amber", "green", "not_eligible"], [10, 25, 50, 15])[0]
            events.append((rated, "stratified", {"rating": rating}))
            if rng.random() < 0.9:
                events.append((min(day(rated, 0, 2), TODAY), "outcome_communicated", {}))
            if rating != "not_eligible":
                events.append((rated, "consent_given", {}))
                checked = rated
                while (checked := day(checked, 330, 380)) < TODAY:
                    events.append((checked, "consent_checked", {}))
            if rating in ("red", "amber"):
                if rng.random() < 0.7:
                    events.append((min(day(rated, 0, 20), TODAY), "keyworker_referred", {}))
                meeting = rated
                while (meeting := day(meeting, 20, 90)) < TODAY:
                    events.append((meeting, "mdt_held", {}))
                if rating == "red" and rng.random() < 0.75:
                    held = min(day(rated, 0, 14), TODAY)
                    events.append((held, "cetr_held", {"kind": "community"}))
                    if rng.random() < 0.85:
                        events.append((min(day(held, 3, 20), TODAY), "cetr_report_sent", {}))
                if rng.random() < 0.3:
                    events.append((min(day(rated, 0, 30), TODAY), "carer_contingency_discussed", {}))
                if rng.random() < 0.2:
                    admitted = min(day(rated, 10, 400), TODAY)
                    if admitted < TODAY:
                        location = self.admission(events, admitted)
                        rating = "blue" if location == "inpatient" else ""
            if rng.random() < 0.03:
                events.append((min(day(received, 20, 600), TODAY), "cetr_declined", {}))
        events.sort(key=lambda e: e[0])
        return {
            "born": born,
            "ehcp": child and rng.random() < 0.4,
            "events": events,
            "rating": "" if rating == "not_eligible" else rating,
            "location": location,
        }

    def admission(self, events: list, admitted: dt.date) -> str:
        rng = self.rng
        day = lambda start, low, high: start + dt.timedelta(days=rng.randint(low, high))  # noqa: E731
        route = "criminal_justice" if rng.random() < 0.1 else "civil"
        setting = "secure" if route == "criminal_justice" or rng.random() < 0.25 else "non_secure"
        events.append((admitted, "admitted", {"setting": setting, "route": route}))
        discharged = day(admitted, 20, 700) if rng.random() < 0.6 else None
        end = min(discharged or TODAY, TODAY)
        review = day(admitted, 5, 25)
        first = True
        while review < end:
            if not first:
                planned_on = max(admitted, review - dt.timedelta(days=rng.randint(20, 60)))
                events.append((planned_on, "cetr_planned", {"planned_date": review.isoformat()}))
            first = False
            events.append(
                (review, "cetr_held", {"kind": "post_admission" if len(events) < 12 else "inpatient"})
            )
            if rng.random() < 0.8:
                events.append((min(day(review, 3, 16), end), "cetr_report_sent", {}))
            review = day(review, 80, 200)
        visit = day(admitted, 30, 60)
        while visit < end:
            events.append((visit, "oversight_visit", {"sit_and_see": rng.random() < 0.2}))
            visit = day(visit, 35, 65)
        if rng.random() < 0.1 and admitted + dt.timedelta(days=30) < end:
            events.append((day(admitted, 10, 30), "transferred", {"setting": "secure"}))
        if rng.random() < 0.08 and admitted + dt.timedelta(days=10) < end:
            segregated = day(admitted, 2, 10)
            events.append((segregated, "segregation_started", {}))
            if rng.random() < 0.7:
                events.append((min(day(segregated, 1, 60), end), "segregation_ended", {}))
        if rng.random() < 0.05:
            events.append((min(day(admitted, 5, 200), end), "complaint_made", {}))
        if rng.random() < 0.1 and admitted + dt.timedelta(days=100) < end:
            events.append((day(admitted, 90, 100), "oversight_panel_reviewed", {}))
        if discharged is not None and discharged < TODAY:
            events.append((discharged, "discharged", {}))
            return "community"
        return "inpatient"
