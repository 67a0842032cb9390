"""A briefing pack's content, independent of its format: ``content.briefing_content(dataset,
request)`` builds it from a ``request.PackRequest``; ``model`` holds its blocks."""
