#!/usr/bin/env bash
# Atomic deploy of a built site to a plain web server (nginx, see deploy/nginx.conf).
#
#   scripts/deploy-rsync.sh [--site DIR] [--keep N] TARGET
#   scripts/deploy-rsync.sh --rollback TARGET
#
# TARGET is user@host:/srv/jyj (over ssh) or a local path /srv/jyj (same machine, or a mounted
# bucket). On the target:
#
#   /srv/jyj/releases/20250601T000500Z-1a2b3c4/   one folder per deploy, never modified afterwards
#   /srv/jyj/current -> releases/…                 what nginx serves (root /srv/jyj/current)
#
# The new release is uploaded completely (unchanged files hard-linked to the previous release
# with --link-dest, so a deploy costs only what changed), checked, and only then made live by
# renaming a symlink over `current` — a single atomic rename(2): a visitor gets either the old
# site or the new one, never a mix. The previous N releases are kept for --rollback.
set -euo pipefail

SITE=_site
KEEP=5
ROLLBACK=0
while [ $# -gt 0 ]; do
  case "$1" in
    --site) SITE=$2; shift 2 ;;
    --keep) KEEP=$2; shift 2 ;;
    --rollback) ROLLBACK=1; shift ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    -*) echo "unknown option $1" >&2; exit 2 ;;
    *) break ;;
  esac
done
TARGET=${1:?"usage: $0 [--site DIR] [--keep N] [--rollback] user@host:/srv/jyj | /srv/jyj"}

if [[ "$TARGET" == *:* ]]; then
  HOST=${TARGET%%:*}
  BASE=${TARGET#*:}
  on_target() { ssh -o BatchMode=yes "$HOST" "$(printf '%q ' bash -c "$1")"; }
  RSYNC_DEST="$HOST:$BASE"
else
  HOST=""
  BASE=$TARGET
  on_target() { bash -c "$1"; }
  RSYNC_DEST="$BASE"
fi
case "$BASE" in /*) ;; *) echo "target path must be absolute: $BASE" >&2; exit 2 ;; esac
Q=$(printf '%q' "$BASE")

# Switches `current` to releases/$1 atomically: a new symlink renamed over the old one.
switch_to() {
  on_target "cd $Q && ln -sfn releases/$1 .current.new && mv -T .current.new current"
}

if [ "$ROLLBACK" = 1 ]; then
  previous=$(on_target "cd $Q && ls -1 releases | sort | grep -vx \"\$(basename \"\$(readlink current)\")\" | tail -n 1")
  [ -n "$previous" ] || { echo "no earlier release to roll back to" >&2; exit 1; }
  switch_to "$previous"
  echo "rolled back: current -> releases/$previous"
  exit 0
fi

# Refuse to publish something that is obviously not a finished build.
for f in index.html 404.html sitemap.xml feed.xml; do
  [ -f "$SITE/$f" ] || { echo "$SITE/$f is missing: run npm run build first" >&2; exit 1; }
done

release="$(date -u +%Y%m%dT%H%M%SZ)-$(git rev-parse --short HEAD 2>/dev/null || echo local)"
on_target "mkdir -p $Q/releases"
current=$(on_target "readlink $Q/current 2>/dev/null || true")

link_dest=()
# --link-dest is relative to the destination folder: ../<previous release>.
if [ -n "$current" ]; then link_dest=(--link-dest="../$(basename "$current")"); fi

# Upload into a hidden folder, then rename it into releases/: a half-uploaded release never
# appears under its final name.
rsync -a --delete --checksum "${link_dest[@]}" "$SITE/" "$RSYNC_DEST/releases/.incoming-$release/"
on_target "cd $Q/releases && mv -T .incoming-$release $release && test -f $release/index.html"
switch_to "$release"
echo "deployed: current -> releases/$release"

# Keep the newest $KEEP releases (the live one always among them).
on_target "cd $Q/releases && ls -1 | grep -v '^\\.' | sort | head -n -$KEEP | while read -r old; do [ \"releases/\$old\" = \"\$(readlink ../current)\" ] || rm -rf -- \"\$old\"; done"
