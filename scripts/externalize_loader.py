"""Trunk post-build hook: move the inline module script Trunk writes into index.html into its
own file, so the Content-Security-Policy can forbid inline scripts altogether."""

import hashlib
import os
import pathlib
import re
import sys

staging = pathlib.Path(os.environ.get("TRUNK_STAGING_DIR", "dist"))
index = staging / "index.html"
html = index.read_text(encoding="utf-8")
pattern = re.compile(r'<script type="module"([^>]*)>(.*?)</script>', re.S)
match = pattern.search(html)
if match is None:
    sys.exit("externalize_loader: no inline module script found in index.html")
attributes, body = match.group(1), match.group(2)
if "src=" in attributes:
    sys.exit(0)
digest = hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]
name = f"loader-{digest}.js"
(staging / name).write_text(body.strip() + "\n", encoding="utf-8")
# Drop nonce/integrity attributes that belonged to the inline form.
attributes = re.sub(r'\s(nonce|integrity)="[^"]*"', "", attributes)
html = html[: match.start()] + f'<script type="module" src="/{name}"{attributes}></script>' + html[match.end():]
index.write_text(html, encoding="utf-8")
