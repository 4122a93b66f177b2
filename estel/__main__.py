"""`python -m estel`: see estel/cli.py."""

import sys

from estel.cli import main

if __name__ == "__main__":
    sys.exit(main())
