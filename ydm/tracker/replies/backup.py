"""The replies in `ydm requests export --json` and `import`: each reply's head, its files' metas and
the files themselves (base64), and the checklist corrections, so a backup holds everything."""

from __future__ import annotations

import base64
import binascii

from ydm.errors import DataError

_META_KEYS = {"name": str, "type": str, "size": int, "text": str, "tables": list, "notes": list}


def export_replies(store, ref: str) -> dict:
    """{"replies": [...], "checklist": {...}} for one request (empty when the store keeps no replies)."""
    if not hasattr(store, "replies"):
        return {}
    out = []
    for rep in store.replies(ref):
        head = {k: v for k, v in rep.items() if k not in ("id", "parts")}
        files = [{**meta, "data": base64.b64encode(store.reply_file(ref, rep["id"], n)).decode("ascii")}
                 for n, meta in enumerate(rep["parts"])]
        out.append({**head, "files": files})
    checklist = store.load_check(ref)
    return {"replies": out, **({"checklist": checklist} if checklist else {})} if out or checklist else {}


def _parts(rep: dict, where: str) -> list[tuple[dict, bytes]]:
    parts = []
    for f in rep.get("files") or ():
        if not isinstance(f, dict):
            raise DataError(f"{where}: a reply's file is not an object")
        for key, kind in _META_KEYS.items():
            if not isinstance(f.get(key), kind):
                raise DataError(f"{where}: a reply's file has no valid '{key}'")
        try:
            data = base64.b64decode(str(f.get("data", "")), validate=True)
        except (binascii.Error, ValueError):
            raise DataError(f"{where}: a reply's file is not valid base64") from None
        parts.append(({k: v for k, v in f.items() if k != "data"}, data))
    return parts


def check_replies(d: dict, where: str) -> dict:
    """The replies part of one exported request, checked whole (before the import stores anything)."""
    out = {"replies": d.get("replies") or [], "checklist": d.get("checklist") or {}}
    if not isinstance(out["replies"], list) or not isinstance(out["checklist"], dict):
        raise DataError(f"{where}: its replies are not in the expected shape")
    for rep in out["replies"]:
        if not isinstance(rep, dict):
            raise DataError(f"{where}: a reply is not an object")
        _parts(rep, where)
    return out


def import_replies(store, ref: str, d: dict) -> bool:
    """Add the exported replies the store lacks (by their files' checksums) and the corrections when
    none are stored. True when anything was added. Checked whole before anything is stored."""
    if not hasattr(store, "replies") or not (d.get("replies") or d.get("checklist")):
        return False
    where = f"the export's reply to {ref}"
    if not isinstance(d.get("replies", []), list) or not isinstance(d.get("checklist", {}), dict):
        raise DataError(f"{where} is not in the expected shape")
    known = {p.get("sha256") for rep in store.replies(ref) for p in rep["parts"]}
    batch = []
    for rep in d.get("replies") or ():
        if not isinstance(rep, dict):
            raise DataError(f"{where} is not an object")
        parts = _parts(rep, where)
        if parts and all(m.get("sha256") in known for m, _ in parts):
            continue
        head = {k: v for k, v in rep.items() if k != "files"}
        batch.append((ref, head, parts, None))  # the events came with the request
    if batch:
        store.add_replies(batch)
    took = False
    if d.get("checklist") and not store.load_check(ref):
        store.save_check(ref, {str(k): str(v) for k, v in d["checklist"].items()})
        took = True
    return bool(batch) or took
