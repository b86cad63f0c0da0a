"""Output formats. Each module turns a `Letter` (or a batch) into bytes: text, md, pdf, eml, ics."""
