"""`ydm session --plain`: the guided session as plain numbered prompts, for screen readers and braille.

The same `Session` (same questions, same letters, same no-trace rule) as the terminal app, asked one
line at a time: no colour, no cursor movement, no redrawing. Input and output are injected (a
`LineInput` and a `write` function), so tests feed it from a list and read what it said.

Inactivity: if a prompt gets no answer for the warning time, we say so; if the rest of the time
passes too, everything is wiped and the session starts again at the welcome.

Every wipe (Finish, the inactivity timeout, Ctrl+C, end of input) also clears the terminal's screen
and scrollback through the injected `clear` (`terminal_wipe.clear`: only on a real terminal, the
only escape codes this dialogue ever writes).
"""

from __future__ import annotations

import select
import subprocess
import sys
from collections.abc import Callable
from typing import Protocol, TextIO

from ydm.cli.plain_menu import delete_saved, menu_numbers, numbers_wrong, spoken
from ydm.cli.terminal_wipe import WHICH_TERMINALS
from ydm.errors import YdmError
from ydm.law.deadlines import fmt
from ydm.model import Channel
from ydm.session import more_orgs, takehome
from ydm.session.flow import KIND_EXPLAINED, KIND_TITLES, NO_ANSWER, Question, Session
from ydm.session.words import UNTICK, seconds

BACK_WORDS = {"back"}
QUIT_WORDS = {"quit", "q", "exit"}


class LineInput(Protocol):
    def readline(self, timeout: float | None) -> str | None:
        """One line without its newline; None if `timeout` seconds passed; EOFError at the end."""


class StreamInput:
    """Lines from a real stream (stdin), waiting at most `timeout` seconds (select on POSIX)."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stdin

    def readline(self, timeout: float | None) -> str | None:
        if timeout is not None:
            try:
                ready, _, _ = select.select([self.stream], [], [], max(timeout, 0))
            except (OSError, ValueError):  # not selectable (e.g. some test streams): just read
                ready = [self.stream]
            if not ready:
                return None
        line = self.stream.readline()
        if line == "":
            raise EOFError
        return line.rstrip("\r\n")


class TimedOut(Exception):
    """The patron walked away: the session was wiped."""


class PlainSession:
    """Runs welcome → questions → letters and dates → take-home choices → finish, then again."""

    def __init__(self, session: Session, *, input: LineInput, write: Callable[[str], None],
                 run: Callable[..., subprocess.CompletedProcess] = subprocess.run,
                 clear: Callable[[], object] = lambda: None) -> None:
        self.s = session
        self.input = input
        self._write = write
        self.run_cmd = run
        self._clear = clear

    def wipe(self) -> None:
        """Forget the patron, and clear what the terminal still shows of them (screen and scrollback)."""
        self.s.wipe()
        self._clear()

    # -- output -------------------------------------------------------------------------------
    def say(self, text: str = "") -> None:
        self._write(text + "\n")

    def ask(self, prompt: str) -> str:
        """Read one answer; warn, then wipe, when nobody answers. Raises TimedOut after a wipe."""
        self._write(prompt + "\n> ")
        cfg = self.s.config
        line = self.input.readline(cfg.warn_after)
        if line is None:
            left = int(cfg.timeout - cfg.warn_after)
            self.say("")
            self.say(f"Are you still there? Press Enter within {seconds(left)} to carry on. "
                     "Otherwise everything you typed will be wiped, for your privacy.")
            self._write("> ")
            line = self.input.readline(cfg.timeout - cfg.warn_after)
            if line is None:
                self.wipe()
                self.say("Nobody answered, so everything was wiped. The session starts again.")
                raise TimedOut
            if line.strip() == "":
                self.s.touch()
                return self.ask(prompt)
        self.s.touch()
        return line.strip()

    # -- the whole thing ------------------------------------------------------------------------
    def run(self) -> int:
        """Until the librarian types q at the welcome, or input ends. Always wipes on the way out."""
        try:
            while True:
                if not self.welcome():
                    return 0
                try:
                    self.guided()
                except TimedOut:
                    continue
        except EOFError:
            self.wipe()
            self.say("Input ended. Everything was wiped.")
            return 0
        except KeyboardInterrupt:
            self.wipe()
            self.say("Stopped. Everything was wiped.")
            return 130
        finally:
            self.s.wipe()

    def welcome(self) -> bool:
        self.say("")
        self.say("Your Data Matters: guided session")
        self.say("We will help you write to political parties and data brokers about the information "
                 "they hold on you. One question at a time, in plain words. Nothing you type is kept "
                 "on this computer: when you finish, everything is wiped.")
        self.say("At any question, type back to go to the previous one.")
        self.say(WHICH_TERMINALS)
        self.librarian_notes()
        while True:
            try:
                answer = self.ask("Press Enter to start, or type q to close.").lower()
            except TimedOut:
                continue
            if answer in QUIT_WORDS:
                return False
            if answer == "":
                self.s.wipe()
                return True

    def guided(self) -> None:
        while True:
            if self.s.needs_lookup():
                self.say("Looking up your electoral registration office from your postcode...")
                self.s.look_up_office()
            q = self.s.current()
            if q is None:
                if self.outputs():
                    return
                self.s.back()
                continue
            self.one_question(q)

    def one_question(self, q: Question) -> None:
        """Ask `q` in full once; after a wrong answer say what was wrong and repeat only the options
        and the line that says how to answer (a screen reader user hears the question once)."""
        self.say("")
        self.say(self.s.progress())
        self.say(q.prompt.replace(UNTICK, ""))  # no tick boxes here: the prompt line says what to type
        self.say(f"Why we ask: {q.why}")
        while True:
            raw, value, problem = self._read_answer(q)
            if raw.lower() in BACK_WORDS:
                if self.s.back() is None:
                    self.say("This is the first question.")
                return
            if problem:
                self.say(f"Sorry: {problem}")
                continue
            try:
                self.s.answer(q.id, value)
            except YdmError as exc:
                self.say(f"Sorry: {exc.message}")
                continue
            return

    def _read_answer(self, q: Question) -> tuple[str, object, str]:
        """(what was typed, the value it means, what is wrong with it or "")."""
        if q.kind == "text":
            hint = f" ({q.hint})" if q.hint else ""
            default = f" Press Enter to keep: {q.default}." if q.default else ""
            optional = " Press Enter to leave it empty." if q.optional and not q.default else ""
            raw = self.ask(f"Type your answer{hint}.{default}{optional}")
            return raw, (raw if raw or not q.default else q.default), ""
        for i, opt in enumerate(q.options, start=1):
            chosen = " (chosen)" if q.kind == "multi" and opt.value in (q.default or ()) else ""
            detail = f": {opt.detail}" if opt.detail else ""
            self.say(f"{i}. {opt.label}{chosen}{detail}")
        raw = self.ask(self._choice_prompt(q))
        if raw.lower() in BACK_WORDS:
            return raw, None, ""
        return (raw, *self._parse_choice(q, raw))

    def _choice_prompt(self, q: Question) -> str:
        if q.kind == "choice" and len(q.options) == 1:
            return "Press Enter to go on."
        if q.kind == "choice":
            numbers = [i for i, o in enumerate(q.options, 1) if o.value == q.default]
            keep = f" Press Enter for {numbers[0]}." if numbers else ""
            return f"Type a number from 1 to {len(q.options)}.{keep}"
        keep = " Press Enter to keep the ones marked chosen." if q.default else ""
        if q.id == more_orgs.MORE_PICK:  # `all` here is every organisation found, never "Search again" too
            found = [o for o in q.options if o.value not in (more_orgs.RETRY, more_orgs.NONE)]
            return "Type the numbers you want, separated by spaces" + (
                ", or all for all of them." if len(found) > 1 else ".") + keep
        return f"Type the numbers you want, separated by spaces, or all.{keep}"

    @staticmethod
    def _parse_choice(q: Question, raw: str) -> tuple[object, str]:
        """(the value, "") or (None, which part is wrong): `1 3 9` of 7 options says "9 is not one of the options"."""
        values = [o.value for o in q.options]
        if raw == "":
            return q.default, ""
        if q.kind == "multi" and raw.lower() == "all":  # on the search results: every organisation offered
            return tuple(v for v in values if v not in (more_orgs.RETRY, more_orgs.NONE)), ""
        picked = []
        for part in raw.replace(",", " ").split():
            if not (part.isdigit() and 1 <= int(part) <= len(values)):
                return None, numbers_wrong(part, len(values))
            picked.append(values[int(part) - 1])
        if q.kind == "choice" and len(picked) != 1:
            return None, f"please type just one number, from 1 to {len(values)}."
        return (picked[0] if q.kind == "choice" else tuple(dict.fromkeys(picked))), ""

    # -- after the questions ----------------------------------------------------------------------
    def summary(self) -> None:
        plan = self.s.plan()
        self.say("")
        self.say(f"Your letters: {len(plan.items)}")
        for kind in dict.fromkeys(i.letter.kind for i in plan.items):
            self.say(f"{KIND_TITLES[kind]}: {KIND_EXPLAINED[kind]}")
        for n, item in enumerate(plan.items, start=1):
            self.say(f"{n}. {item.org_name}: {KIND_TITLES[item.letter.kind]}. {item.how}. "
                     f"Answer due by {fmt(item.deadline.due, full=True)} if sent today. "
                     f"Reference {item.letter.reference}.")
        for blocked in plan.blocked:
            self.say(f"Warning: {KIND_TITLES[blocked.letter.kind]} to {blocked.org_name}. {blocked.reason}")
        for note in plan.notes:
            self.say(note)
        self.say(NO_ANSWER)

    def outputs(self) -> bool:
        """The take-home menu. True when the patron finished (wiped); False to go back to the questions."""
        self.summary()
        while True:
            acts = menu_numbers(takehome.actions(self.s))
            self.say("")
            self.say("What would you like to take with you?")
            for n, act in acts.items():
                self.say(f"{n}. {act.label}: {act.detail}")
            raw = self.ask(f"Type one of the numbers ({spoken(list(acts))}), or back to change your answers.")
            if raw.lower() in BACK_WORDS:
                return False
            if not (raw.isdigit() and int(raw) in acts):
                shown = f"{raw} is not one of the options" if raw.isdigit() else f"'{raw}' is not a number"
                self.say(f"Sorry: {shown}.")
                continue
            act = acts[int(raw)]
            if act.id == "finish":
                if self.finish():
                    return True
            elif act.id == "email":
                self.email_text()
            elif act.id == "read-letters":
                self.say("")
                self.say(takehome.letters_text(self.s.plan()))
            elif act.id == "read-sheet":
                self.say("")
                self.say(takehome.sheet_text(self.s.plan(), self.s.today))
            else:
                try:
                    self.say(takehome.carry_out(self.s, act.id, run=self.run_cmd))
                except YdmError as exc:
                    self.say(f"Sorry: {exc}")

    def email_text(self) -> None:
        items = self.s.plan().by_channel(Channel.EMAIL, Channel.WEBFORM)
        for n, item in enumerate(items, start=1):
            self.say("")
            self.say(f"Email {n} of {len(items)}: {item.org_name}")
            self.say(item.how)
            for label, value in takehome.webform_fields(item):
                self.say(f"{label}: {value}")
            self.say(f"Subject: {takehome.email_subject(item)}")
            self.say("Text to paste, from the next line to the line END OF LETTER:")
            self.say(takehome.email_text(item).rstrip())
            self.say("END OF LETTER")

    def finish(self) -> bool:
        """List what was saved and printed; by default delete the saved files (issue 19 item 5: the next
        patron must not find them), unless the patron says the folder is their own USB stick."""
        self.say("")
        saved = list(self.s.saved)
        if saved:
            self.say("These files were saved:")
            for path in saved:
                self.say(f"- {path}")
            prompt = ("Press Enter to delete these files from this computer and wipe everything. If the folder "
                      "is your own USB stick and you are taking it with you, type keep. Type back to stay.")
        else:
            self.say("No files were saved on this computer.")
            prompt = "Press Enter to wipe everything and finish, or type back to stay."
        if self.s.printed:
            self.say("Printed: " + ", ".join(self.s.printed) + ". Collect them from the printer.")
        answer = self.ask(prompt).lower()
        if answer in BACK_WORDS:
            return False
        problems = delete_saved(saved) if saved and answer != "keep" else []
        self.wipe()
        for problem in problems:
            self.say(f"Sorry: {problem}. Please ask the librarian to delete it.")
        if saved:
            self.say("You kept the files." if answer == "keep" else f"Deleted {len(saved) - len(problems)} "
                     f"file{'' if len(saved) - len(problems) == 1 else 's'}.")
        self.say("Everything was wiped. Thank you.")
        return True

    def librarian_notes(self) -> None:
        """At the welcome: the export folder still holds files (an earlier patron's?)."""
        folder = self.s.config.export_dir
        if folder is None:
            return
        from ydm.session import computer

        check = computer.export_folder(folder)
        if check.status == "fix":
            self.say(f"For the librarian: the export folder {check.text} Please {check.fix}.")


def run_plain(session: Session, *, stream: TextIO | None = None, write: Callable[[str], None] | None = None) -> int:
    """Entry point for the CLI: stdin and the CLI's own writer."""
    if write is None:
        from ydm.cli import output

        write = output.out_raw
    from ydm.cli import terminal_wipe

    return PlainSession(session, input=StreamInput(stream), write=_flushing(write),
                        clear=terminal_wipe.clear).run()


def _flushing(write: Callable[[str], None]) -> Callable[[str], None]:
    def go(text: str) -> None:
        write(text)
        sys.stdout.flush()

    return go
