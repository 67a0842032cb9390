"""What leaves the program as a file: ``briefing`` (the packs: PDF, PowerPoint, Excel, from one
request), ``pack`` (a pack's content), ``pdf`` and ``slides`` (its renderings), ``workbook`` (Excel),
``sheet`` (the one-page service sheet)."""
