"""``python -m redesign``: the command line."""

import sys

from redesign.cli.main import main

sys.exit(main())
