"""参保查询: insured status, contribution history, personal accounts and benefit payments."""

from __future__ import annotations

from contextlib import suppress

from kiosk.services.errors import StepBack
from kiosk.services.identify import identify, take_card
from kiosk.services.query.steps import QueryResults
from kiosk.services.session import Session
from kiosk.services.steps import Activity, Working


def query(s: Session) -> None:
    person = identify(s)
    s.show(Working(Activity.FETCHING_RECORDS))
    results = QueryResults(
        masked_name=person.masked_name,
        masked_id_number=person.masked_id_number,
        insured=s.central.insurances(person.reference),
        contributions=s.central.contributions(person.reference),
        accounts=s.central.accounts(person.reference),
        benefits=s.central.benefits(person.reference),
    )
    # Back from the results is the same as Done: there is no earlier step to return to.
    with suppress(StepBack):
        s.ask(results)
    del results
    take_card(s)
