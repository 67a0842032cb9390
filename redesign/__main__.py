import sys

from redesign.cli import main

sys.exit(main())
