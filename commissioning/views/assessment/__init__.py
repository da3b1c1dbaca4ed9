"""The assessment pages: eligibility, assessors, conflicts of interest, scoring, the panel's summary and
moderation, the manager's decision, and each round's assessments export."""
