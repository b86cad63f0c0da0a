"""fpdf2 without the parts a letter never uses: importing it costs about 0.25 s, a third of which is Pillow
(images), cryptography (PDF signing and encryption) and unittest.mock with asyncio (also for signing),
all imported when fpdf is, though ydm draws only text (issue 22: a one-letter PDF took 0.6 s).

fpdf itself treats Pillow and cryptography as optional (`try: import …  except ImportError`), so they
are reported missing to it while it is imported, and unittest.mock is a stand-in whose `patch` imports
the real one when called. Nothing else sees this: the modules are put back before `load` returns, so
the store's own `import cryptography` (a later line of the same command) loads it as usual.

Only in a process with one thread (the CLI): the TUI draws PDFs in a worker while other threads may be
importing cryptography, and it pays for fpdf off the UI thread anyway. If fpdf fails to import this way
(a version that needs Pillow at import time, say), it is imported normally.
"""

from __future__ import annotations

import sys
import threading
import types
import warnings

OPTIONAL = ("PIL", "cryptography")  # fpdf: images, signing and encryption; ydm uses none of them
_STAND_IN = "unittest.mock"  # fpdf.sign: `from unittest.mock import patch`, used only when signing


def load() -> types.ModuleType:
    """The `fpdf` module (imported once per process)."""
    if "fpdf" in sys.modules or threading.active_count() > 1:
        import fpdf

        return fpdf
    hidden = [name for name in OPTIONAL if name not in sys.modules]
    stand_in = None
    if _STAND_IN not in sys.modules:
        stand_in = types.ModuleType(_STAND_IN, "stand-in while fpdf is imported (ydm.letters.formats.fpdf_import)")
        stand_in.patch = _patch
        sys.modules[_STAND_IN] = stand_in
    for name in hidden:
        sys.modules[name] = None  # "not installed", to the import system
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="Pillow could not be imported")
            import fpdf
    except ImportError:
        for name in [m for m in sys.modules if m == "fpdf" or m.startswith("fpdf.")]:
            del sys.modules[name]
        fpdf = None
    finally:
        for name in hidden:
            if name in sys.modules and sys.modules[name] is None:
                del sys.modules[name]
        if stand_in is not None and sys.modules.get(_STAND_IN) is stand_in:
            del sys.modules[_STAND_IN]
    if fpdf is None:
        import fpdf
    return fpdf


def _patch(*args, **kwargs):
    from unittest import mock

    return mock.patch(*args, **kwargs)
