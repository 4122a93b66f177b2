"""A résumé from an uploaded file: real PDFs (written with fpdf2) and DOCX files (written with
python-docx) the tests make, and bad files, each refused with one sentence saying why."""

from __future__ import annotations

import io

import docx
import pytest
from fpdf import FPDF
from pypdf import PdfWriter

from estel.profile import resume_items
from estel.profile_files import MAX_FILE_BYTES, MAX_PAGES, UnreadableFile, resume_text

LINES = ("Sam Rivera - Senior Backend Engineer",
         "- Led the migration of 40 services to Kubernetes, cutting deploys to 10 minutes.",
         "- Built a Kafka pipeline processing 2M events per day.")


def make_pdf(lines=LINES, pages: int = 1, password: str | None = None) -> bytes:
    pdf = FPDF()
    pdf.set_font("helvetica", size=11)
    for number in range(pages):
        pdf.add_page()
        for line in lines if number == 0 else (f"Page {number + 1}",):
            pdf.multi_cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    if password is not None:
        pdf.set_encryption(owner_password="owner", user_password=password)
    return bytes(pdf.output())


def make_docx(lines=LINES, table: tuple[str, str] | None = None) -> bytes:
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    if table is not None:
        cells = document.add_table(rows=1, cols=2).rows[0].cells
        cells[0].text, cells[1].text = table
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_pdf_resume_is_read_and_its_claims_found():
    text = resume_text("cv.pdf", make_pdf())
    assert "Led the migration of 40 services to Kubernetes" in text
    assert resume_items(text)[0].startswith("you led the migration of 40 services to Kubernetes")


def test_a_docx_resume_is_read_with_its_tables():
    text = resume_text("CV.DOCX", make_docx(table=("2021-2024", "Designed the billing API")))
    assert "- Built a Kafka pipeline processing 2M events per day." in text
    assert "Designed the billing API" in text


def test_a_text_resume_is_read_with_or_without_a_bom():
    assert resume_text("cv.txt", "\ufeffLed a team of 4.\n".encode()) == "Led a team of 4."


def test_a_pdf_that_opens_without_a_user_password_is_read():
    assert "Kafka pipeline" in resume_text("cv.pdf", make_pdf(password=""))


@pytest.mark.parametrize(("name", "data", "fragment"), [
    ("cv.pdf", b"", "is empty"),
    ("cv.pdf", b"%PDF-1.7\n this is not really a pdf", "could not be read as a PDF"),
    ("cv.docx", b"PK\x03\x04 not a zip at all", "could not be read as a DOCX"),
    ("cv.docx", make_pdf(), "could not be read as a DOCX"),
    ("cv.txt", "Lebenslauf".encode("utf-16"), "is not UTF-8 text"),
    ("cv.png", b"\x89PNG....", "PDF, DOCX or TXT"),
    ("cv.doc", b"old word", "PDF, DOCX or TXT"),
    ("cv.txt", b" \n\t ", "No text found"),
    ("cv.txt", b"x" * (MAX_FILE_BYTES + 1), "the limit is 2 MB"),
    ("cv.txt", b"Led it. " * 4000, "the limit is 30,000"),
])
def test_bad_files_say_why(name, data, fragment):
    with pytest.raises(UnreadableFile, match=fragment):
        resume_text(name, data)


def test_a_password_protected_pdf_says_so():
    with pytest.raises(UnreadableFile, match="password-protected"):
        resume_text("cv.pdf", make_pdf(password="secret"))


def test_a_pdf_over_the_page_limit_says_how_many_pages():
    with pytest.raises(UnreadableFile, match=f"has {MAX_PAGES + 2} pages; the limit is"):
        resume_text("cv.pdf", make_pdf(pages=MAX_PAGES + 2))
    assert resume_text("cv.pdf", make_pdf(pages=MAX_PAGES))


def test_a_pdf_without_text_asks_for_a_paste():
    blank = PdfWriter()
    blank.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    blank.write(out)
    with pytest.raises(UnreadableFile, match="No text found"):
        resume_text("scan.pdf", out.getvalue())


def test_a_truncated_pdf_is_refused_not_crashed():
    data = make_pdf()
    with pytest.raises(UnreadableFile):
        resume_text("cv.pdf", data[: len(data) // 3])
