"""Moves the wall clock for a whole test run and for every Python child process it starts.

`.ci/run` runs the suite a second time with `PYTHONPATH=tests/clock_shift` and
`YDM_TEST_CLOCK=2027-12-27T10:00:00+00:00` (any ISO date-time): Python imports this file at start-up
(site's `sitecustomize` hook), and time-machine moves `time.time`, `datetime.now`, `date.today` and
their kin there, ticking from then on. Children inherit PYTHONPATH and the variable, so a CLI run by a
test sees the same day. (libfaketime was tried and hangs the threaded store tests; OpenSSL keeps the
real clock, so test certificates are valid for years.)
"""

import os

_destination = os.environ.get("YDM_TEST_CLOCK")
if _destination:
    import time_machine

    time_machine.travel(_destination, tick=True).start()
