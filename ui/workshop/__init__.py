"""The workshop page's screens: create (ui.workshop.create), facilitator, participant."""
