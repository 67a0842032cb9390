"""The app's links to copy (ui/components/copy_link) as AppTest sees them: custom component
elements whose data holds the link and its label."""

from __future__ import annotations

import json
from typing import Any

from ui.components.copy_link import NAME


def links(at: Any) -> list[str]:
    """Every link to copy on the page, in page order."""
    return [
        json.loads(element.proto.json)["link"]
        for element in at.get("bidi_component")
        if element.proto.component_name == NAME
    ]
