"""The glossary shown in the app and the exports, one line a term."""

from __future__ import annotations

GLOSSARY: tuple[tuple[str, str], ...] = (
    (
        "DSG, Dedicated Schools Grant",
        "Ring-fenced government grant for schools, early years and high needs, paid in blocks "
        "(Schools, Central School Services, High Needs, Early Years).",
    ),
    (
        "High Needs Block",
        "The DSG block that pays for special schools, top-up funding for pupils with EHCPs and "
        "SEND provision up to age 25.",
    ),
    (
        "ESG, Education Services Grant",
        "A per-pupil grant (from 2013) for councils' central education services; its general rate "
        "ended in September 2017, which is why ESG savings matter in a 2016 report.",
    ),
    (
        "De-delegation",
        "Maintained schools' representatives on the Schools Forum vote, phase by phase and year by "
        "year, to hand part of their delegated funding back to the council to run a service "
        "centrally.",
    ),
    (
        "Traded service, buy-back, SLA",
        "A council service that schools choose to buy from their own budgets, usually under a "
        "service level agreement (SLA) of up to three years.",
    ),
    (
        "Full-cost recovery",
        "A traded service priced so that income covers its whole cost, overheads included.",
    ),
    (
        "Statutory duty vs discretionary service",
        "What the council must do by law, against what it may do.",
    ),
    (
        "EHCP, Education, Health and Care Plan",
        "The legal plan for a child or young person aged 0 to 25 with special educational needs, "
        "setting out the provision the council must secure.",
    ),
    (
        "FTE, full-time equivalent",
        "Contracted hours divided by full-time hours; headcount counts people.",
    ),
    (
        "Schools Forum",
        "The statutory local body of school representatives that advises on, and votes on parts "
        "of, DSG use.",
    ),
    (
        "Market testing",
        "Offering a service to schools to buy and seeing how much they commit to; in this report, "
        "posts kept only as far as schools buy the service back.",
    ),
    (
        "Derived figure",
        "A number this tool computes from published figures (for example FTE now less the "
        "confirmed reduction) where the report does not state it; always labelled 'derived'.",
    ),
)
