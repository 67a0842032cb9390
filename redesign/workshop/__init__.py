"""Workshop mode: the schools in a room say what they would buy, and the room sees which posts
that keeps (pure Python, no Streamlit).

    offers(model)                       each traded offer with its price per day
    make_answer(...) -> Answer          a school's form, checked (AnswerRefused with messages)
    tally(model, asked, answers, city)  days -> FTE -> buy-back level -> the buy-back model
    WorkshopStore(database, model)      workshops, answers and comments in the store's database
    apply_to_library(...)               the tally saved as a library scenario
"""

from redesign.workshop.answers import (
    ANONYMOUS,
    CONTRACT_YEARS,
    MAX_COMMENT_CHARS,
    MAX_SCHOOL_CHARS,
    PHASES,
    Answer,
    AnswerRefused,
    OfferInput,
    Problem,
    make_answer,
    parse_amount,
    school_key,
)
from redesign.workshop.apply import BASES, apply_to_library, basis_note
from redesign.workshop.errors import (
    AlreadyAnswered,
    Closed,
    NotYourAnswer,
    Paused,
    Refused,
    SlowDown,
    WrongCode,
    WrongKey,
)
from redesign.workshop.export import answers_csv, comments_csv
from redesign.workshop.keys import client_key, normal_code, shown_code
from redesign.workshop.offers import (
    MAX_DAYS_A_YEAR,
    SENSITIVITY_DAYS,
    UNIT_DAYS,
    UNIT_LABELS,
    Offer,
    OfferError,
    deliverable_days,
    offers,
)
from redesign.workshop.records import (
    MAX_SCHOOLS,
    MAX_TITLE_CHARS,
    Created,
    Participant,
    Sent,
    Workshop,
)
from redesign.workshop.store import WorkshopStore
from redesign.workshop.tally import Basis, OfferTally, Sensitivity, Tally, scenario_to_apply, tally

__all__ = [
    "ANONYMOUS",
    "BASES",
    "CONTRACT_YEARS",
    "MAX_COMMENT_CHARS",
    "MAX_DAYS_A_YEAR",
    "MAX_SCHOOLS",
    "MAX_SCHOOL_CHARS",
    "MAX_TITLE_CHARS",
    "PHASES",
    "SENSITIVITY_DAYS",
    "UNIT_DAYS",
    "UNIT_LABELS",
    "AlreadyAnswered",
    "Answer",
    "AnswerRefused",
    "Basis",
    "Closed",
    "Created",
    "NotYourAnswer",
    "Offer",
    "OfferError",
    "OfferInput",
    "OfferTally",
    "Participant",
    "Paused",
    "Problem",
    "Refused",
    "Sensitivity",
    "Sent",
    "SlowDown",
    "Tally",
    "Workshop",
    "WorkshopStore",
    "WrongCode",
    "WrongKey",
    "answers_csv",
    "apply_to_library",
    "basis_note",
    "client_key",
    "comments_csv",
    "deliverable_days",
    "make_answer",
    "normal_code",
    "offers",
    "parse_amount",
    "scenario_to_apply",
    "school_key",
    "shown_code",
    "tally",
]
