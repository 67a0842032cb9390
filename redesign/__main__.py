import sys

from redesign.cli.main import main

sys.exit(main())
