"""One file of a reply, read into what the checklist and the report need: plain text (with page marks
for PDFs) and, for tables (CSV, XLSX sheets, JSON records), the column names, the row count and the
first value seen in each column with its row. The file itself is kept as it came (encrypted).

Formats, and where their layout is defined:
- PDF: text via pypdf's `PdfReader.extract_text` (https://pypdf.readthedocs.io/en/stable/user/extract-text.html);
  a PDF with no text layer is a scan (no OCR here: the person ticks the checklist); a password-protected
  one is kept unread (`PdfReader.is_encrypted`, https://pypdf.readthedocs.io/en/stable/user/encryption-decryption.html).
- CSV: RFC 4180 (https://www.rfc-editor.org/rfc/rfc4180), read with the stdlib `csv` module; delimiter
  sniffed (`csv.Sniffer`); UTF-8 (with or without BOM, as Excel writes it) else Windows-1252, the
  encoding of CSVs saved by Excel on Windows in the UK (said in a warning).
- XLSX: Office Open XML (ECMA-376), read with openpyxl in read-only mode
  (https://openpyxl.readthedocs.io/en/stable/optimized.html); values, not formulas (`data_only=True`).
- JSON: RFC 8259; objects are flattened to dotted key paths, lists of objects read as tables.
- Text and HTML email bodies: decoded text; HTML tags dropped (stdlib `html.parser`).
"""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser

from ydm.errors import DataError

MAX_TEXT = 2_000_000  # characters of text kept per file for the checklist (the file itself is kept whole)
SAMPLE_COLUMNS = 200  # columns summarised per table

TABLE_TYPES = {".csv": "csv", ".tsv": "csv", ".xlsx": "xlsx", ".xlsm": "xlsx", ".json": "json"}
TEXT_TYPES = {".txt": "text", ".text": "text", ".md": "text", ".htm": "html", ".html": "html", ".pdf": "pdf"}
MIME_TYPES = {"application/pdf": "pdf", "text/csv": "csv", "application/json": "json", "text/plain": "text",
              "text/html": "html",
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx"}


def file_type(name: str, mime: str = "") -> str:
    """pdf, csv, xlsx, json, text, html, eml, mbox, zip or other: by the name's ending, else the MIME type."""
    lower = name.lower()
    for end, kind in {**TABLE_TYPES, **TEXT_TYPES, ".eml": "eml", ".msg.eml": "eml", ".mbox": "mbox",
                      ".zip": "zip"}.items():
        if lower.endswith(end):
            return kind
    return MIME_TYPES.get(mime.lower(), {"message/rfc822": "eml", "application/zip": "zip",
                                         "application/x-zip-compressed": "zip"}.get(mime.lower(), "other"))


def read(name: str, data: bytes, kind: str) -> tuple[dict, list[str]]:
    """The meta record of one file (name, type, size, text, tables, notes) and any warnings."""
    meta: dict = {"name": name, "type": kind, "size": len(data), "text": "", "tables": [], "notes": []}
    warnings: list[str] = []
    if kind == "pdf":
        _pdf(name, data, meta, warnings)
    elif kind == "csv":
        _csv(name, data, meta, warnings)
    elif kind == "xlsx":
        _xlsx(name, data, meta, warnings)
    elif kind == "json":
        _json(name, data, meta, warnings)
    elif kind in ("text", "html"):
        text, how = decode(data)
        if how:
            warnings.append(f"{name}: {how}")
        meta["text"] = (html_text(text) if kind == "html" else text)[:MAX_TEXT]
    else:
        meta["notes"].append("kept as it came; ydm cannot read this kind of file")
    return meta, warnings


def decode(data: bytes) -> tuple[str, str]:
    """Text from bytes: UTF-8 (BOM or not), else Windows-1252 (with a note saying so)."""
    try:
        return data.decode("utf-8-sig"), ""
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "not UTF-8: read as Windows-1252"


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in ("br", "p", "div", "tr", "li", "h1", "h2", "h3"):
            self.out.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.out.append(data)


def html_text(html: str) -> str:
    p = _Text()
    p.feed(html)
    p.close()
    return "".join(p.out)


def _pdf(name: str, data: bytes, meta: dict, warnings: list[str]) -> None:
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # pypdf logs every odd object; we say it once
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")  # many "protected" PDFs only restrict printing: empty user password
            except Exception:  # noqa: BLE001 - unsupported algorithms raise several kinds
                ok = 0
            if not ok:
                meta["notes"].append("password-protected: its text could not be read; tick the checklist yourself")
                warnings.append(f"{name} is password-protected: it is kept, but ydm could not read it; ask them "
                                "for an unprotected copy, or tick the checklist yourself "
                                "(ydm requests check REF --set ITEM=found)")
                return
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise DataError(f"{name} is not a readable PDF ({exc}); nothing was stored") from None
    meta["pages"] = len(pages)
    text = "\f".join(pages)
    if not text.strip():
        meta["notes"].append("scanned: no text in it; tick the checklist yourself")
        warnings.append(f"{name} has no text (a scan?): ydm cannot read it; look at it and tick the checklist "
                        "yourself (ydm requests check REF --set ITEM=found)")
    meta["text"] = text[:MAX_TEXT]


def table_summary(rows, sheet: str = "") -> dict | None:
    """Columns, row count and each column's first value (with its row number, the header being row 1)."""
    it = iter(rows)
    header = None
    for header in it:
        if any(str(c or "").strip() for c in header):
            break
    else:
        return None
    columns = [str(c if c is not None else "").strip() for c in header][:SAMPLE_COLUMNS]
    samples: dict[str, list] = {}
    todo = {i for i, c in enumerate(columns) if c}
    n = 0
    for n, row in enumerate(it, start=1):
        if todo:
            for i in list(todo):
                if i < len(row) and row[i] not in (None, ""):
                    value = str(row[i]).strip()
                    if value:
                        samples[columns[i]] = [value[:200], n + 1]
                        todo.discard(i)
    out = {"columns": columns, "rows": n, "samples": samples}
    if sheet:
        out["sheet"] = sheet
    return out


def _table_text(t: dict) -> str:
    return "\n".join([" | ".join(t["columns"])] + [f"{k}: {v[0]}" for k, v in t["samples"].items()])


def _csv(name: str, data: bytes, meta: dict, warnings: list[str]) -> None:
    text, how = decode(data)
    if how:
        warnings.append(f"{name}: {how}")
    try:
        dialect = csv.Sniffer().sniff(text[:8192], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    try:
        t = table_summary(csv.reader(io.StringIO(text, newline=""), dialect))
    except csv.Error as exc:
        raise DataError(f"{name} is not a readable CSV ({exc}); nothing was stored") from None
    if t:
        meta["tables"].append(t)
        meta["text"] = _table_text(t)


def _xlsx(name: str, data: bytes, meta: dict, warnings: list[str]) -> None:
    import zipfile

    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise DataError(f"{name} is not a readable XLSX workbook ({exc}); nothing was stored") from None
    try:
        for ws in wb.worksheets:
            t = table_summary(ws.iter_rows(values_only=True), sheet=ws.title)
            if t:
                meta["tables"].append(t)
    finally:
        wb.close()
    meta["text"] = "\n".join(_table_text(t) for t in meta["tables"])


def _flatten(obj, prefix: str, out: dict) -> None:
    if isinstance(obj, dict):
        for k, v in obj.items():
            _flatten(v, f"{prefix}.{k}" if prefix else str(k), out)
    elif isinstance(obj, list):
        for v in obj[:1000]:
            _flatten(v, prefix, out)
    elif obj not in (None, "") and prefix not in out:
        out[prefix] = str(obj)[:200]
    elif prefix and prefix not in out and obj in (None, ""):
        out.setdefault(prefix, None)


def _json(name: str, data: bytes, meta: dict, warnings: list[str]) -> None:
    text, how = decode(data)
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataError(f"{name} is not JSON (line {exc.lineno}: {exc.msg.lower()}); nothing was stored") from None
    flat: dict = {}
    _flatten(obj, "", flat)
    rows = len(obj) if isinstance(obj, list) else 1
    t = {"columns": list(flat)[:SAMPLE_COLUMNS], "rows": rows,
         "samples": {k: [v, 1] for k, v in flat.items() if v is not None}}
    meta["tables"].append(t)
    meta["text"] = _table_text(t)
