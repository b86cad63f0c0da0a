"""`ydm orgs update` from a file and from a real HTTP server on 127.0.0.1 (progress, resume, clean
failure), `ydm orgs --json` with the source and its date, letters to `ico:`/`ec:` ids, local parties."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.orgs.registers.samples import ICO_ROWS, ec_files, ico_zip
from ydm.cli import main
from ydm.orgs.registers import index
from ydm.service import registers


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setenv("YDM_TODAY", "2026-12-04")


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


class Served:
    """One file on 127.0.0.1 with Range support; `cut_once` drops the connection half-way once."""

    def __init__(self, body: bytes, *, cut_once=False, status=200):
        self.body, self.cut_once, self.status, self.ranges = body, cut_once, status, []
        served = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                if served.status != 200:
                    self.send_response(served.status)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                start = 0
                wanted = self.headers.get("Range")
                served.ranges.append(wanted)
                if wanted:
                    start = int(wanted.split("=")[1].split("-")[0])
                    self.send_response(206)
                    self.send_header("Content-Range", f"bytes {start}-{len(served.body) - 1}/{len(served.body)}")
                else:
                    self.send_response(200)
                part = served.body[start:]
                self.send_header("Content-Length", str(len(part)))
                self.end_headers()
                if served.cut_once:
                    served.cut_once = False
                    self.wfile.write(part[: len(part) // 2])
                    self.wfile.flush()
                    self.connection.shutdown(2)
                    return
                self.wfile.write(part)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_port}/media2/x/register-of-data-controllers-2026-12-03.zip"

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def serve():
    started = []

    def start(body, **kw):
        started.append(Served(body, **kw))
        return started[-1]

    yield start
    for s in started:
        s.close()


def test_update_from_a_file_then_search_as_json(capsys, tmp_path):
    code, out, _ = run(capsys, "orgs", "update", "--ico-register", str(ico_zip(tmp_path)))
    assert code == 0 and "3 entries" in out and "2026-12-01" in out
    code, out, _ = run(capsys, "orgs", "acme", "--json")
    row = json.loads(out)["organisations"][0]
    assert (row["id"], row["source"], row["source_date"]) == ("ico:ZB123456", "ico", "2026-12-01")
    assert row["email"] == "dpo@acme.example" and row["postal_address"][-1] == "LS1 1AA"


def test_a_download_shows_progress_and_resumes_after_a_broken_connection(serve, tmp_path):
    rows = [dict(ICO_ROWS[0], Registration_number=f"ZC{n:06d}", Organisation_name=f"Firm {n} {n * 7919 % 10007}")
            for n in range(20000)]  # big enough that half of it arrives before the cut
    body = ico_zip(tmp_path, rows=rows).read_bytes()
    server = serve(body, cut_once=True)
    seen = []
    from ydm.adapters.http import HttpClient

    meta = registers.update("ico", server.url, progress=lambda stage, done, total: seen.append((stage, done, total)),
                            client=HttpClient(retries=2, backoff=0))
    assert meta.rows == 20000 and meta.file_date == "2026-12-03" and meta.origin == server.url
    assert server.ranges[0] is None and server.ranges[1].startswith("bytes=") and server.ranges[1] != "bytes=0-"
    assert ("download", len(body), len(body)) in seen
    assert not list((index.folder() / "download").glob("*"))


def test_a_failed_download_is_one_error_line_and_the_index_stays(capsys, serve, tmp_path):
    run(capsys, "orgs", "update", "--ico-register", str(ico_zip(tmp_path)))
    server = serve(b"", status=404)
    code, _, err = run(capsys, "orgs", "update", "--ico-register", server.url)
    assert code == 6 and err.startswith("ydm: error: ") and err.count("\n") == 1 and "HTTP 404" in err
    assert index.meta("ico").file_date == "2026-12-01"
    code, out, _ = run(capsys, "orgs", "acme")
    assert code == 0 and "ico:ZB123456" in out


def test_a_bad_file_is_one_error_line(capsys, tmp_path):
    bad = tmp_path / "x.csv"
    bad.write_text("a,b\n1,2\n")
    code, _, err = run(capsys, "orgs", "update", "--ico-register", str(bad))
    assert code == 4 and err.startswith("ydm: error: ") and "Registration_number" in err


def test_letter_to_a_register_entry_uses_the_dpo_email_and_says_when_it_lapsed(capsys, tmp_path):
    run(capsys, "orgs", "update", "--ico-register", str(ico_zip(tmp_path)))
    common = ("--name", "Ann Example", "--address", "1 A Road, Leeds, LS2 2BB")
    code, out, err = run(capsys, "letter", "access", "--to", "ico:ZB123456", *common)
    assert code == 0 and "By email: dpo@acme.example" in out and "1 High Street" in out and err == ""
    code, out, err = run(capsys, "letter", "access", "--to", "ico:Z1234567", *common)
    assert code == 0 and "lapsed on 2026-01-09" in err and "2 Low Road" in out
    code, _, err = run(capsys, "letter", "access", "--to", "ico:ZX000000", *common)
    assert code == 3 and "no entry ZX000000" in err


def test_an_old_register_is_said_before_the_letter(capsys, tmp_path, monkeypatch):
    run(capsys, "orgs", "update", "--ico-register", str(ico_zip(tmp_path)))
    monkeypatch.setenv("YDM_TODAY", "2026-12-31")
    _, _, err = run(capsys, "letter", "access", "--to", "ico:ZB123456", "--name", "A B", "--address", "1 Road, X1 1XX")
    assert "days old" not in err
    monkeypatch.setenv("YDM_TODAY", "2027-02-15")
    _, _, err = run(capsys, "letter", "access", "--to", "ico:ZB123456", "--name", "A B", "--address", "1 Road, X1 1XX")
    assert "file is from 2026-12-01 (76 days old)" in err


def test_local_parties_for_a_party_and_an_area(capsys, tmp_path):
    files = ec_files(tmp_path)
    code, out, _ = run(capsys, "orgs", "update", "--ec-register", str(files[0]), "--ec-register", str(files[1]))
    assert code == 0
    code, out, _ = run(capsys, "orgs", "--local-to", "labour", "--area", "Cardiff Central")
    assert code == 0 and "ec:PP53/cardiff-central-clp" in out and "Leeds" not in out
    assert "separate controller" in out
    code, out, _ = run(capsys, "orgs", "--local-to", "labour", "--postcode", "CF10 1AA", "--json")
    body = json.loads(out)
    assert len(body["organisations"]) == 2 and "could not be looked up" in body["note"]


def test_typo_in_the_cli_search_is_forgiven(capsys):
    code, out, err = run(capsys, "orgs", "plaid", "cymry")
    assert code == 0 and "plaid-cymru" in out and "showing results for 'plaid cymru'" in err


def test_all_elected_parties_with_their_local_units(capsys, tmp_path):
    files = ec_files(tmp_path)
    run(capsys, "orgs", "update", "--ec-register", str(files[0]), "--ec-register", str(files[1]))
    code, out, err = run(capsys, "orgs", "--local-to", "elected-parties", "--elected-in", "wales", "--area", "Cardiff")
    assert code == 0 and "ec:PP53/cardiff-central-clp" in out and "ec:PP52/cardiff-conservative-federation" in out
    assert "Leeds" not in out
    code, _, err = run(capsys, "orgs", "--local-to", "elected-parties")
    assert code == 2 and "--elected-in" in err


def test_the_constituency_from_the_postcode_lookup_picks_the_local_party(tmp_path):
    from ydm.adapters.lookup import LookupResult, _trim, constituencies
    from ydm.orgs import contacts

    answer = {"address_picker": False, "addresses": [], "electoral_services": None, "registration": None,
              "dates": [{"ballots": [
                  {"ballot_paper_id": "parl.cardiff-central.2029-05-03", "post_name": "Cardiff Central",
                   "candidates": [{"person": {"name": "Someone"}}]},
                  {"ballot_paper_id": "local.cardiff.cathays.2027-05-06", "post_name": "Cathays"}]}]}
    kept = _trim(answer)
    assert constituencies(kept) == ("Cardiff Central",) and "candidates" not in str(kept)
    index.build("ec", ec_files(tmp_path), origin="test")
    found = registers.local_parties(
        contacts.load(), "labour", postcode="CF10 1AA",
        lookup=lambda postcode: LookupResult(postcode, constituencies=constituencies(kept)))
    assert [u.id for u in found.units] == ["ec:PP53/cardiff-central-clp"] and found.area == ("Cardiff Central",)
