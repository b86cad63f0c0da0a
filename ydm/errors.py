"""Errors every face shows the same way: one plain-language line and an exit code.

The CLI prints `ydm: error: <message>` on stderr and exits with `exit_code`; the TUI shows the
message in a modal. Nothing here may contain personal data beyond what the user just typed.
"""

from __future__ import annotations


class YdmError(Exception):
    """A problem the user can act on. Never shown with a traceback."""

    exit_code = 1

    def __init__(self, message: str, *, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message} ({self.hint})"


class InputError(YdmError):
    """Bad input on the command line or in a form: a malformed date, postcode, unknown kind."""

    exit_code = 2


class OfficeNeeded(InputError):
    """No electoral registration office is known and none could be looked up (no lookup key, the
    default on a fresh install; offline; a split postcode). Not a failure: a face asks the person for
    the office instead. `message` says in plain words why it could not be looked up."""


class LateComplaint(InputError):
    """An ICO complaint past the ICO's three months after the last contact, with no reason given: the
    complaint can still go, saying it is late and why (issue 16 finding 1). A face asks for the reason."""

    def __init__(self, last_contact: str, ico_by: str):
        super().__init__(
            f"your last contact with the organisation was on {last_contact}, so the ICO's three months ended on "
            f"{ico_by}: the complaint will say it is late; give the reason it is late",
            hint="--late-reason 'WHY' (for example: I was waiting for a promised reply, or I was ill)")
        self.last_contact = last_contact
        self.ico_by = ico_by


class NotFoundError(YdmError):
    """An organisation, request reference or file that does not exist."""

    exit_code = 3


class DataError(YdmError):
    """A data file (contacts, profile, template) that cannot be read or does not validate."""

    exit_code = 4


class StoreError(YdmError):
    """The request store cannot be opened or written: wrong key, corrupt or foreign file, locked."""

    exit_code = 5


class NetworkError(YdmError):
    """A lookup, download or SMTP send that failed; stored data is untouched."""

    exit_code = 6


class OutputError(YdmError):
    """An output file or folder that cannot be written."""

    exit_code = 7
