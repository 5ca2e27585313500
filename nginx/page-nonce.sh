#!/bin/sh
# Run by the nginx image's command (nginx/Dockerfile) before nginx starts: the secret
# placeholder nonce of the cache of anonymous pages (nginx/render.py, PAGE_CACHE), 128 random bits
# made when the container first starts, so it is never in the image. Without this file nginx refuses
# to start. A restarted container keeps its file, as it keeps the pages cached under /tmp with it.
set -eu
out=${1:-/tmp/mutiroes-page-nonce.conf}
[ -s "$out" ] && exit 0
umask 077
nonce=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
[ "${#nonce}" -eq 32 ] || { echo "page-nonce: no random bytes" >&2; exit 1; }
printf 'map "" $mutiroes_page_nonce_placeholder { default "%s"; }\n' "$nonce" > "$out"
