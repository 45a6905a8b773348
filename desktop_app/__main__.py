"""Allow `python -m desktop_app`."""

from desktop_app.cli import main

raise SystemExit(main())
