"""`ydm session` / `ydm serve` on the command line: settings, errors in one line, exit codes."""

from __future__ import annotations

import sys

from ydm.cli import main


def test_bad_export_folder_is_one_line_and_exit_2(capsys, tmp_path):
    code = main(["session", "--plain", "--export-dir", str(tmp_path / "no-usb-stick")])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("ydm: error: the export folder") and "Traceback" not in err


def test_bad_timeout(capsys):
    assert main(["session", "--timeout", "-1"]) == 2
    assert "positive number of minutes" in capsys.readouterr().err


def test_broken_session_toml(capsys, isolated_home):
    (isolated_home / "config").mkdir()
    (isolated_home / "config" / "session.toml").write_text("printer = \n")
    assert main(["session", "--plain"]) == 4
    assert capsys.readouterr().err.startswith("ydm: error:")


def test_plain_session_from_stdin_in_process(capsys, monkeypatch, fresh_dirs):
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO("q\n"))
    assert main(["session", "--plain", "--timeout", "5"]) == 0
    out = capsys.readouterr().out
    assert "Your Data Matters: guided session" in out and "\x1b" not in out


def test_serve_without_the_extra_says_how_to_install(capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "textual_serve", None)
    monkeypatch.setitem(sys.modules, "textual_serve.server", None)
    assert main(["serve", "--port", "8765"]) == 2
    assert "pip install 'ydm[serve]'" in capsys.readouterr().err


def test_serve_warns_before_listening_beyond_this_computer(capsys, monkeypatch):
    from ydm.adapters import serve

    class FakeServer:
        def serve(self):
            return None

    monkeypatch.setattr(serve, "make_server", lambda **kw: FakeServer())
    assert main(["serve", "--host", "0.0.0.0"]) == 0
    err = capsys.readouterr().err
    assert "ydm: warning: listening on 0.0.0.0" in err and "no login" in err
