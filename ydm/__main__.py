"""`python -m ydm` runs the same entry point as the `ydm` console script."""

from ydm.cli import main

raise SystemExit(main())
