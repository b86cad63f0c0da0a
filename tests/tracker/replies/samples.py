"""Small reply files in their published layouts, made by the tests: an email (RFC 5322 + MIME) with
attachments, an mbox, a Maildir, a CSV, an XLSX (openpyxl), a PDF (fpdf2, read back by pypdf), ZIPs."""

from __future__ import annotations

import io
import mailbox
import zipfile
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

LETTER = """Dear Ms Quartermaine,

Subject access request

We process your data for the purposes of campaigning and fundraising, on the lawful basis of
democratic engagement. The categories of personal data are your name, address and canvass responses.
Your data is shared with our local parties and our data processors (NationBuilder).
We retain your data for five years after the last contact.
You have the right to request rectification or erasure and to object.
You may lodge a complaint with the Information Commissioner's Office.
Your data was obtained from the full electoral register and from canvassing.
"""

CSV = ("first_name,last_name,postcode,voting_intention,support_score,source\n"
       "Zebedee,Quartermaine,SW1A 1AA,Likely Labour,72,Electoral register 2025\n"
       "Zebedee,Quartermaine,SW1A 1AA,,68,Canvass\n")


def csv_bytes(rows: int = 2) -> bytes:
    if rows <= 2:
        return CSV.encode()
    lines = [CSV.splitlines()[0]] + [f"Zebedee,Quartermaine,SW1A 1AA,Likely Labour,{i % 100},Canvass" for i in range(rows)]
    return ("\n".join(lines) + "\n").encode()


def pdf_bytes(text: str = LETTER, pages: int = 1) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("helvetica", size=11)
    for _ in range(pages):
        pdf.add_page()
        pdf.multi_cell(0, 6, text)
    return bytes(pdf.output())


def scanned_pdf_bytes() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 50, style="F")  # a picture, no text
    return bytes(pdf.output())


def encrypted_pdf_bytes() -> bytes:
    from pypdf import PdfReader, PdfWriter

    w = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes())))
    w.encrypt(user_password="secret", owner_password="owner", algorithm="AES-128")
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()


def xlsx_bytes() -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Contact history"
    ws.append(["Date", "Channel", "Outcome", "Persuadability"])
    ws.append(["2025-05-01", "Door", "Spoke", "Persuadable"])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def zip_bytes(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(name, data)
    return out.getvalue()


def bomb_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("data.csv", b"0" * (50 * 1024 * 1024))  # 50 MB of zeros packs to ~50 KB
    return out.getvalue()


def email_bytes(subject: str = "Re: Subject access request - ref YDM-AAAAA", sender: str = "DPO <dataprotection@labour.org.uk>",
                when: datetime = datetime(2026, 10, 5, 9, 30, tzinfo=UTC), body: str = LETTER,
                attachments: dict[str, tuple[str, bytes]] | None = None) -> bytes:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = "zebedee@example.org"
    msg["Subject"] = subject
    msg["Date"] = format_datetime(when)
    msg["Message-ID"] = "<reply-1@labour.example>"
    msg.set_content(body)
    for name, (ctype, data) in (attachments or {}).items():
        main, sub = ctype.split("/")
        msg.add_attachment(data, maintype=main, subtype=sub, filename=name)
    return msg.as_bytes()


def write_mbox(path: Path, messages: list[bytes]) -> Path:
    box = mailbox.mbox(str(path))
    for m in messages:
        box.add(m)
    box.flush()
    box.close()
    return path


def write_maildir(path: Path, messages: list[bytes]) -> Path:
    box = mailbox.Maildir(str(path), create=True)
    for m in messages:
        box.add(m)
    box.close()
    return path
