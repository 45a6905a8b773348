"""Allow `python -m desktop_app`; also the entry script of the PyInstaller bundle (build.spec)."""

import sys

from desktop_app.cli import main

if __name__ == "__main__":  # `batch` workers started by spawn (Windows) import this module: no CLI for them
    if getattr(sys, "frozen", False):  # the bundle: hand its worker processes to multiprocessing
        import multiprocessing

        multiprocessing.freeze_support()
    raise SystemExit(main())
