"""The encrypted request store: `db` (SqliteStore, open_store), `codec` (records <-> JSON), `crypto`
(AES-GCM, the wrapped data key), `schema` (tables, migrations), `sqlite` (busy, WAL, transactions),
`rekey`, `destroy`, and `memory` (the guided session's store, which never touches the disk).

The request store: one SQLite file in the user's data folder, every personal field encrypted.

What is on disk (and why it is safe to be there):
- `meta`: store id, key mode (keyring | passphrase), scrypt parameters, the *wrapped* data key.
- `requests`: row id, a keyed lookup token of the reference (HMAC, not the reference), and two
  AES-GCM records: `head` (reference, kind, organisation, channel, events) and `body` (letter text
  and who signed it).
  `list` only opens heads, so 10,000 requests list fast; status and due dates are derived in
  memory by the deadline engine and never stored.
- `letters`: later letters (reminder, complaint, ...) of a request, encrypted.
- `profile`: the person's details, encrypted.
- `replies`, `reply_parts`, `reply_checks`: the organisations' replies (schema v2), encrypted; a
  reply's files are padded so their exact sizes do not show (`binary_padding`).
Nothing else: even dates and organisation ids are inside the encrypted records.

SQLite settings: WAL (the TUI reads while the CLI writes), a busy timeout, `synchronous=FULL`,
`secure_delete` (freed pages are zeroed), each change in one `BEGIN IMMEDIATE` transaction, so a
killed process leaves the last committed state. Schema changes run as numbered migrations after a
backup copy. A file that is not ours (not SQLite, another program's SQLite, or damaged) gives a
plain `StoreError` and is never written to.
"""
