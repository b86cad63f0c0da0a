"""Padding for the files kept with replies (attachments: PDFs, spreadsheets, emails), whose exact
sizes would otherwise show through their ciphertexts.

Why not the text records' scheme (`crypto.padded_size`: NULs up to a power of two): a file's bytes may
end with NUL, so NUL padding cannot be stripped again, and doubling a 20 MB export costs 20 MB of disk.
Here the file is followed by one 0x80 byte and zeros (ISO/IEC 7816-4), which strips back exactly
whatever the file ends with, up to Padmé's size (Nikitin et al., "Reducing Metadata Leakage from
Encrypted Files and Communication with PURBs", PETS 2019, §4): at most ~12% more, and a length shows
only its order of magnitude and a few leading bits, never the exact size. A floor hides the sizes of
small files altogether.
"""

from __future__ import annotations

FILE_FLOOR = 4096
_MARK = b"\x80"


def padme_size(length: int) -> int:
    """Padmé: keep the top bits of `length` that its size class needs, round the rest up."""
    if length < 2:
        return length
    e = length.bit_length() - 1  # floor(log2 L)
    s = e.bit_length()  # floor(log2 E) + 1
    mask = (1 << (e - s)) - 1
    return (length + mask) & ~mask


def pad(data: bytes, floor: int = FILE_FLOOR) -> bytes:
    """`data`, the 0x80 mark and zeros up to at least `floor` and then Padmé's size."""
    size = padme_size(max(len(data) + 1, floor))
    return b"".join((data, _MARK, bytes(size - len(data) - 1)))


def unpad(padded: bytes) -> bytes:
    """The file again (one copy of it, not two: a reply may hold a 20 MB export); ValueError if the
    padding is not ours (a damaged record). The mark is the last 0x80 byte, with only zeros after it."""
    mark = padded.rfind(_MARK)
    if mark < 0 or padded.count(0, mark + 1) != len(padded) - mark - 1:
        raise ValueError("no padding mark")
    return padded[:mark]
