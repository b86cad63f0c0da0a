"""`ydm session --check`: the settings of the library computer that decide what a patron leaves behind.

ydm itself keeps nothing, but the computer around it can: CUPS keeps a copy of every printed
document (the letters, with the patron's name and address) for a day by default; a browser keeps
downloads, history and its cache; a terminal keeps its scrollback; the export folder keeps the last
patron's files. Each check says what it found and, where something needs doing, the command.

Pure reading: a file (cupsd.conf, its path from `YDM_CUPSD_CONF` for tests and unusual installs),
the environment (which terminal), `which` (which browsers) and the export folder's listing. Nothing
is changed; no Textual, no printing.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ydm.session.export_folder import contents as export_folder_contents

CUPSD_CONF = Path("/etc/cups/cupsd.conf")
CUPSD_ENV = "YDM_CUPSD_CONF"
# cupsd.conf(5): job files (the documents) are kept 86400 seconds after printing unless set; the job
# history (title, user, times: no document) until MaxJobs. Files never outlive the history.
DEFAULT_FILES_SECONDS = 86400
FOREVER = -1
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


@dataclass(frozen=True)
class Check:
    status: str  # "ok", "fix" (something to change before the next patron) or "note" (advice)
    topic: str
    text: str
    fix: str = ""


def checklist(export_dir: Path | None, *, env: Mapping[str, str] = os.environ,
              which: Callable[[str], str | None] = shutil.which) -> list[Check]:
    path = Path(env.get(CUPSD_ENV) or CUPSD_CONF)
    return [print_spool(path, which=which), export_folder(export_dir), terminal(env), browser(which)]


# -- the print spool ---------------------------------------------------------------------------------

def cupsd_settings(text: str) -> dict[str, str]:
    """Top-level directives of a cupsd.conf (lower-cased names; blocks such as <Location> skipped)."""
    found: dict[str, str] = {}
    depth = 0
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("</"):
            depth = max(0, depth - 1)
            continue
        if line.startswith("<"):
            depth += 1
            continue
        if depth == 0:
            name, _, value = line.partition(" ")
            found[name.lower()] = value.strip()
    return found


def seconds_kept(value: str | None, default: int) -> int:
    """Yes/On/True: FOREVER; No/Off/False: 0; '3600', '30m', '1d', '1w': seconds; missing: `default`."""
    if value is None:
        return default
    word = value.strip().lower()
    if word in ("yes", "on", "true"):
        return FOREVER
    if word in ("no", "off", "false"):
        return 0
    match = re.fullmatch(r"(\d+)\s*([smhdw]?)", word)
    return int(match.group(1)) * _UNITS[match.group(2)] if match else default


def _span(seconds: int) -> str:
    if seconds == FOREVER:
        return "until CUPS's job limit (MaxJobs) pushes them out"
    for unit, size in (("week", 604800), ("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size and seconds % size == 0:
            n = seconds // size
            return f"for {n} {unit}{'' if n == 1 else 's'} after printing"
    return f"for {seconds} seconds after printing"


def print_spool(path: Path, *, which: Callable[[str], str | None] = shutil.which) -> Check:
    topic = "Print spool"
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        if which("lp") is None:
            return Check("ok", topic, "CUPS is not installed here, so nothing can be printed or spooled.")
        return Check("note", topic, f"there is no {path} to read, so we cannot tell whether CUPS keeps "
                     "copies of printed letters.", "check PreserveJobFiles where this computer's CUPS is set up")
    except OSError as exc:
        return Check("note", topic, f"{path} could not be read ({exc.strerror or exc}), so we cannot tell "
                     "whether CUPS keeps copies of printed letters.",
                     f"run this check with sudo, or look yourself: sudo grep -i Preserve {path}")
    settings = cupsd_settings(text)
    said_files, said_history = settings.get("preservejobfiles"), settings.get("preservejobhistory")
    history = seconds_kept(said_history, FOREVER)
    files = seconds_kept(said_files, DEFAULT_FILES_SECONDS)
    where = f"PreserveJobFiles {said_files}" if said_files else "PreserveJobFiles is not set: CUPS's default is 1 day"
    if history != FOREVER and (files == FOREVER or history < files):
        files, where = history, f"PreserveJobHistory {said_history}"  # the documents go with the job's history
    if files == 0:
        return Check("ok", topic, f"CUPS deletes each printed document once it is printed ({where}).")
    keeps = (f"CUPS keeps a copy of every printed document, with the patron's name and address, in its "
             f"spool folder (usually /var/spool/cups) {_span(files)}. {where}.")
    return Check("fix", topic, keeps, "sudo cupsctl PreserveJobFiles=No  (or put 'PreserveJobFiles No' in "
                 f"{path} and restart CUPS); the job history keeps only the title 'ydm letters'")


# -- the export folder -------------------------------------------------------------------------------

def export_folder(folder: Path | None) -> Check:
    topic = "Export folder"
    if folder is None:
        return Check("ok", topic, "none is set up, so patrons cannot save files here (they can print "
                     "or copy the text).")
    try:
        names, hidden = export_folder_contents(folder)  # the welcome's rule too (session.export_folder)
    except OSError as exc:
        return Check("fix", topic, f"{folder} cannot be read ({exc.strerror or exc}).",
                     "plug in the USB stick, or set export_dir in session.toml to a folder that exists")
    if not names:
        aside = (f" (apart from hidden entries that the computer keeps there: {', '.join(hidden[:5])}; if one is a "
                 "wastebasket such as .Trash-1000, check it holds no one's letters)") if hidden else ""
        return Check("ok", topic, f"{folder} is empty{aside}.")
    shown = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
    return Check("fix", topic, f"{folder} is not empty: {len(names)} file{'' if len(names) == 1 else 's'} "
                 f"({shown}), perhaps an earlier patron's letters.",
                 "delete them before the next patron (or give the folder to the patron who saved them)")


# -- the terminal ------------------------------------------------------------------------------------

def terminal(env: Mapping[str, str]) -> Check:
    topic = "Terminal scrollback"
    if env.get("STY"):
        return Check("fix", topic, "this is GNU screen, which keeps its own scrollback: clearing it is not "
                     "possible from inside, so the last patron's words can be scrolled back to.",
                     "run the session outside screen (or in tmux), or close the window after each patron")
    if env.get("TMUX"):
        name = "tmux"
    elif env.get("TERM_PROGRAM") == "iTerm.app":
        return Check("note", topic, "iTerm2 clears its scrollback at each wipe unless \"Prevent CSI 3 J from "
                     "clearing scrollback history\" is ticked (Settings, Profiles, Terminal).",
                     "make sure it is not ticked, and close the window after each patron")
    elif env.get("VTE_VERSION"):
        name = "a VTE terminal (GNOME Terminal, Xfce Terminal, Tilix)"
    elif env.get("KONSOLE_VERSION"):
        name = "Konsole"
    elif env.get("WT_SESSION"):
        name = "Windows Terminal"
    elif env.get("TERM", "").startswith(("xterm", "alacritty", "wezterm", "linux")) or env.get("KITTY_WINDOW_ID"):
        name = f"a terminal that says it is {env.get('TERM')}"
    else:
        return Check("note", topic, "we cannot tell which terminal this is. The session clears the screen and "
                     "scrollback at every wipe; most terminals honour it (GNU screen does not).",
                     "close the window after each patron")
    return Check("ok", topic, f"this is {name}; such terminals clear their scrollback when the session wipes. "
                 "Close the window after each patron anyway.")


# -- the browser (ydm serve) -------------------------------------------------------------------------

BROWSERS = (
    ("chromium", "chromium --guest http://127.0.0.1:8000/"),
    ("chromium-browser", "chromium-browser --guest http://127.0.0.1:8000/"),
    ("google-chrome", "google-chrome --guest http://127.0.0.1:8000/"),
    ("firefox", "firefox --private-window http://127.0.0.1:8000/"),
)


def browser(which: Callable[[str], str | None] = shutil.which) -> Check:
    found = [command for name, command in BROWSERS if which(name)]
    how = "; ".join(found) if found else ("chromium --guest URL, or firefox --private-window URL")
    return Check("note", "Browser (ydm serve only)",
                 "a normal browser window keeps what the patron downloaded (in Downloads), the history and "
                 "its cache. A guest or private window forgets its history and cache when it is closed; "
                 "downloads stay in the Downloads folder until deleted.",
                 f"open the session in a guest or private window and close it after each patron: {how}")


CLEAR_DOWNLOADS = ("clear the list of downloads (Chromium: Ctrl+J, then Clear all; Firefox: Ctrl+Shift+Y, "
                   "then Clear Downloads) and close this browser window")


def browser_leftovers(saved: list[str]) -> str:
    """For the Finish screen under `ydm serve`: exactly what the browser may still hold of the patron
    once the session is wiped, and how to clear it. Its cache holds nothing (every reply that carries
    the patron's data says no-store); the downloads and the download list are the browser's own."""
    names = [entry.split(" (")[0] for entry in saved]
    if names:
        files = (f"This browser still has the files you downloaded ({', '.join(names)}) in its Downloads "
                 "folder, and their names in its list of downloads. ")
        clear = ("Copy them to your own USB stick or phone if you want to keep them, then delete them from "
                 "the Downloads folder and empty the bin, " + CLEAR_DOWNLOADS + ".")
    else:
        files = "You downloaded nothing. "
        clear = "Close this browser window."
    return (files + "Its history has this page's address only, none of your details, and its cache has "
            "nothing of you. " + clear + " A private or guest window forgets its history when it is closed.")


def text(checks: list[Check]) -> str:
    """The checklist as plain lines: no colour, no symbols a screen reader would spell out."""
    out = ["What this computer may keep of a patron (ydm session --check):", ""]
    for check in checks:
        out.append(f"[{check.status}] {check.topic}: {check.text}")
        if check.fix:
            out.append(f"      What to do: {check.fix}")
    todo = sum(c.status == "fix" for c in checks)
    out += ["", "Nothing to change." if not todo else f"{todo} thing{'' if todo == 1 else 's'} to change (marked fix)."]
    return "\n".join(out)
