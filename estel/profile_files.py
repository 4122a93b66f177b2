"""A résumé from an uploaded file: PDF (pypdf), DOCX (python-docx) or plain text, to text.

Limits, so one upload cannot stall the app: at most MAX_FILE_BYTES, a PDF of at most MAX_PAGES
pages, and the text at most the wire's MAX_RESUME_CHARS. A file that cannot be read raises
`UnreadableFile` (a BadInput) with one sentence saying why; the caller shows it and keeps
everything else the candidate entered.
"""

from __future__ import annotations

import io
import logging
from pathlib import PurePath

from estel.errors import BadInput
from estel.extensions import MAX_RESUME_CHARS
from estel.session import without_control_chars

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_PAGES = 10
FILE_TYPES = ("pdf", "docx", "txt")


class UnreadableFile(BadInput):
    """The uploaded file is no résumé we can read; the message says why."""


def resume_text(name: str, data: bytes) -> str:
    """The résumé's text from an uploaded file's name and bytes; UnreadableFile if it has none."""
    kind = PurePath(name).suffix.lower().lstrip(".")
    if kind not in FILE_TYPES:
        raise UnreadableFile("Upload the résumé as a PDF, DOCX or TXT file.")
    if not data:
        raise UnreadableFile(f"{_shown(name)} is empty.")
    if len(data) > MAX_FILE_BYTES:
        raise UnreadableFile(f"{_shown(name)} is {len(data) / 1024 / 1024:.1f} MB; the limit is "
                             f"{MAX_FILE_BYTES // 1024 // 1024} MB.")
    reader = {"pdf": _pdf_text, "docx": _docx_text, "txt": _plain_text}[kind]
    text = "\n".join(line.rstrip() for line in without_control_chars(reader(name, data))
                     .splitlines()).strip()
    if not text:
        raise UnreadableFile(f"No text found in {_shown(name)} (a scanned image?). Paste the "
                             "text instead.")
    if len(text) > MAX_RESUME_CHARS:
        raise UnreadableFile(f"The text of {_shown(name)} is {len(text):,} characters; the "
                             f"limit is {MAX_RESUME_CHARS:,}.")
    return text


def _pdf_text(name: str, data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):  # an owner-only password still reads
            raise UnreadableFile(f"{_shown(name)} is password-protected. Save it without a "
                                 "password, or paste the text.")
        pages = len(reader.pages)
        if pages > MAX_PAGES:
            raise UnreadableFile(f"{_shown(name)} has {pages} pages; the limit is {MAX_PAGES}.")
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    except UnreadableFile:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, NotImplementedError) as error:
        log.info("unreadable PDF upload: %s", type(error).__name__)
        raise UnreadableFile(f"{_shown(name)} could not be read as a PDF (it may be damaged). "
                             "Try another file, or paste the text.") from None


def _docx_text(name: str, data: bytes) -> str:
    import zipfile

    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        log.info("unreadable DOCX upload: %s", type(error).__name__)
        raise UnreadableFile(f"{_shown(name)} could not be read as a DOCX (it may be damaged, "
                             "or an old .doc). Try another file, or paste the text.") from None
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:  # many résumés lay out their experience in tables
        for row in table.rows:
            lines.append("  ".join(cell.text for cell in row.cells))
    return "\n".join(lines)


def _plain_text(name: str, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnreadableFile(f"{_shown(name)} is not UTF-8 text. Save it as UTF-8, or paste "
                             "the text.") from None


def _shown(name: str) -> str:
    """The file's name, safe and short, for a message."""
    base = PurePath(name).name
    cleaned = "".join(ch if ch.isprintable() else "?" for ch in base)
    return f"“{cleaned[:60]}{'…' if len(cleaned) > 60 else ''}”"
