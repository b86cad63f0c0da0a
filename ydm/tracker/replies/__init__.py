"""Replies: what an organisation sent back, read, matched to its request, checked against Article 15
and summed up as "what they hold about me".

Why here, in the tracker, and not a new room: a reply is a fact of a request's life, like its events
and letters. Taking one in records the `response-received` event through the same order checks as
`ydm requests mark`; the checklist feeds the tracker's follow-up letter (`next_step`); the report reads
the tracker's views (due dates, status). It uses the store (encrypted records) and letters (nothing),
exactly the rooms the tracker already sits on, so no new layer is needed.

The parts: `formats` reads one file (PDF, CSV, XLSX, JSON, text, HTML) into plain text and table
summaries; `unpack` opens the containers (.eml, .mbox, Maildir, ZIP) with their caps; `match` finds
the request; `take` stores it (one transaction); `check` is the rule-based Article 15 checklist;
`holdings` and `report_*` the report. PDF and XLSX libraries load only when such a file is read.
"""
