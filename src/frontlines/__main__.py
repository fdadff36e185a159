"""`python -m frontlines` runs the command line."""

from frontlines.cli.main import main

raise SystemExit(main())
