"""The frozen program's entry point: the same front door as ``python -m backcoach``."""

import sys

from backcoach.cli import main

if __name__ == "__main__":
    sys.exit(main())
