"""The workshop page's own code: its screens (create, facilitator, participant), the tally view, admin."""
