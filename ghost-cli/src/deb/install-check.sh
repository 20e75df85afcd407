#!/usr/bin/env bash
# Installs the ghost-terminal Debian package into a clean Debian root and uses it there:
# dpkg -i (which refuses the package unless its Depends are met: the root's Java runtime must
# satisfy them), ghost-terminal --version, a two-node chat on loopback (bob's line must reach
# alice and alice's reply bob), and dpkg --purge, which must leave none of the package's files.
#
# The root is debootstrap --variant=minbase of the host's Debian release, from the mirror the
# host's apt uses, plus default-jre-headless: built on the first run (about a minute) and kept
# in $GHOST_DEB_ROOT_CACHE (default ~/.cache/ghost-terminal/debian-<release>-<arch>). Each run
# mounts a fresh overlay on it, so it starts from the same clean root and leaves the cache
# untouched. The overlay, /proc inside it and the chat processes are gone when the script ends,
# however it ends (all but a kill -9 of the script itself).
#
# Usage (as root): ghost-cli/src/deb/install-check.sh [--rebuild] [PACKAGE.deb]
#   PACKAGE.deb  default: the one in ghost-cli/target (mvn -pl ghost-cli -am package builds it)
#   --rebuild    build the cached root anew first
# Environment: GHOST_DEB_SUITE (default: the host's Debian release), GHOST_DEB_MIRROR (default:
# the host's apt mirror for it), GHOST_DEB_ROOT_CACHE. Needs root, debootstrap (apt-get install
# debootstrap) and, for the first run, the network.
set -euo pipefail

started=$SECONDS
trap 'echo "install-check: error: line $LINENO: a command failed" >&2' ERR
die() {
  echo "install-check: error: $*" >&2
  exit 1
}
say() {
  echo "install-check: $*"
}

rebuild=false
if [ "${1:-}" = --rebuild ]; then
  rebuild=true
  shift
fi
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
if [ $# -gt 0 ]; then
  deb="$1"
else
  debs=("$here"/../../target/ghost-terminal_*_all.deb)
  [ ${#debs[@]} = 1 ] && [ -f "${debs[0]}" ] ||
    die "want one ghost-cli/target/ghost-terminal_*_all.deb, found: ${debs[*]} (build it: mvn -pl ghost-cli -am package)"
  deb="${debs[0]}"
fi
[ -f "$deb" ] || die "no package at $deb"
deb="$(readlink -f "$deb")"
[ "$(id -u)" = 0 ] || die "needs root: debootstrap, mount and chroot do"
command -v debootstrap >/dev/null || die "needs debootstrap: apt-get install debootstrap"

# --- which Debian, from where -------------------------------------------------------------

suite="${GHOST_DEB_SUITE:-}"
if [ -z "$suite" ]; then
  # shellcheck disable=SC1091
  suite="$(. /etc/os-release 2>/dev/null && [ "${ID:-}" = debian ] && echo "${VERSION_CODENAME:-}")" || true
  [ -n "$suite" ] || die "the host is not Debian: set GHOST_DEB_SUITE (e.g. bookworm) and GHOST_DEB_MIRROR"
fi

# The first "deb" source of the host's apt for $suite: deb822 .sources files, then one-line ones.
host_mirror() {
  local sources=(/etc/apt/sources.list.d/*.sources) lists=(/etc/apt/sources.list /etc/apt/sources.list.d/*.list)
  {
    [ ! -e "${sources[0]}" ] || awk -v suite="$suite" 'BEGIN { RS = "" } {
        types = ""; uris = ""; suites = ""; enabled = "yes"
        n = split($0, line, "\n")
        for (i = 1; i <= n; i++) {
          if (line[i] ~ /^Types:/) types = substr(line[i], 7)
          else if (line[i] ~ /^URIs:/) uris = substr(line[i], 6)
          else if (line[i] ~ /^Suites:/) suites = substr(line[i], 8)
          else if (line[i] ~ /^Enabled:/) enabled = substr(line[i], 9)
        }
        if (types ~ /(^| )deb( |$)/ && (suites " ") ~ (" " suite " ") && enabled !~ /no/) {
          split(uris, uri, " "); print uri[1]
        }
      }' "${sources[@]}"
    for f in "${lists[@]}"; do
      [ ! -r "$f" ] || awk -v suite="$suite" '$1 == "deb" {
          i = 2; if ($i ~ /^\[/) { while ($i !~ /\]$/) i++; i++ }
          if ($(i + 1) == suite) print $i
        }' "$f"
    done
  } | sed -n 1p # not head: it would end the pipe early, and pipefail would call that a failure
}
mirror="${GHOST_DEB_MIRROR:-$(host_mirror)}"
[ -n "$mirror" ] || die "found no apt source for $suite on this host: set GHOST_DEB_MIRROR"

arch="$(dpkg --print-architecture)"
cache_dir="${GHOST_DEB_ROOT_CACHE:-${XDG_CACHE_HOME:-${HOME:-/root}/.cache}/ghost-terminal}"
cache="$cache_dir/debian-$suite-$arch"
mkdir -p "$cache_dir"

# --- cleanup: whatever this script mounted or started, on any exit ----------------------------

mounts=()   # unmounted last first
pids=()
run_dir=""
building=false
cleanup() {
  local status=$? pid p i
  set +e
  exec 3>&- 4>&-
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  # Anything else still running inside the run's root (a child of the CLI's): ours too.
  if [ -n "$run_dir" ]; then
    for p in /proc/[0-9]*; do
      [ "$(readlink "$p/root" 2>/dev/null)" = "$run_dir/root" ] && kill -9 "${p#/proc/}"
    done
  fi
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do
    umount "${mounts[i]}" 2>/dev/null || umount -l "${mounts[i]}" ||
      { echo "install-check: error: cannot unmount ${mounts[i]}" >&2; exit 1; }
  done
  # Only now that nothing is mounted in them: a half-built root is never kept.
  [ -z "$run_dir" ] || rm -rf "$run_dir"
  ! $building || rm -rf "$cache.partial"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

in_root() { # root command...: runs command in the root with a clean environment
  local root="$1"
  shift
  chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
    DEBIAN_FRONTEND=noninteractive "$@"
}

# --- the cached root ------------------------------------------------------------------------

exec 9>"$cache.lock"
flock 9 # two checks at once: the second waits for the first's root
if $rebuild && [ -d "$cache" ]; then
  say "dropping the cached root $cache"
  rm -rf "$cache"
fi
if [ -d "$cache" ]; then
  root_note="cached root"
else
  t=$SECONDS
  say "building a minimal Debian $suite root with default-jre-headless (once; cached in $cache)"
  building=true
  rm -rf "$cache.partial"
  debootstrap --variant=minbase "$suite" "$cache.partial" "$mirror" >"$cache_dir/build.log" 2>&1 ||
    { tail -n 20 "$cache_dir/build.log" >&2; die "debootstrap failed; its log is $cache_dir/build.log"; }
  mount -t proc proc "$cache.partial/proc"
  mounts+=("$cache.partial/proc")
  in_root "$cache.partial" sh -c 'apt-get update -qq && apt-get install -y -qq --no-install-recommends default-jre-headless && apt-get clean' \
    >>"$cache_dir/build.log" 2>&1 ||
    { tail -n 20 "$cache_dir/build.log" >&2; die "installing a JRE failed; the log is $cache_dir/build.log"; }
  umount "$cache.partial/proc"
  unset 'mounts[-1]'
  # The package lists are only needed to install the JRE; 80 MB less to keep.
  rm -rf "$cache.partial"/var/lib/apt/lists/*
  mv "$cache.partial" "$cache"
  building=false
  root_note="root built in $((SECONDS - t)) s"
fi
exec 9>&-

# --- a clean root for this run: an overlay on the cached one ---------------------------------

run_dir="$(readlink -f "$(mktemp -d "$cache_dir/run.XXXXXX")")"
root="$run_dir/root"
mkdir "$run_dir/upper" "$run_dir/work" "$root"
if mount -t overlay overlay -o "lowerdir=$cache,upperdir=$run_dir/upper,workdir=$run_dir/work" "$root" 2>/dev/null; then
  mounts+=("$root")
else
  say "overlayfs unavailable here; copying the cached root instead"
  cp -a "$cache/." "$root/"
fi
mount -t proc proc "$root/proc" # the JVM finds its libraries through /proc/self
mounts+=("$root/proc")

fail_with_log() { # log message
  tail -n 30 "$1" >&2
  die "$2"
}

# --- install -------------------------------------------------------------------------------

cp "$deb" "$root/tmp/"
pkg="/tmp/$(basename "$deb")"
in_root "$root" dpkg -i "$pkg" >"$run_dir/dpkg.log" 2>&1 || fail_with_log "$run_dir/dpkg.log" "dpkg -i $pkg failed"
in_root "$root" dpkg-query -W -f='${Status}\n' ghost-terminal | grep -qx 'install ok installed' ||
  die "ghost-terminal is not 'install ok installed' after dpkg -i"
for f in /usr/bin/ghost-terminal /usr/share/man/man1/ghost-terminal.1.gz /usr/share/doc/ghost-terminal/copyright; do
  [ -f "$root$f" ] || die "$f is missing after the install"
done
say "dpkg -i $(basename "$deb"): installed"

version="$(in_root "$root" ghost-terminal --version)" || die "ghost-terminal --version failed"
case "$version" in
  "ghost-terminal "[0-9]*) say "ghost-terminal --version: $version" ;;
  *) die "ghost-terminal --version printed '$version'" ;;
esac

# --- a two-node chat ---------------------------------------------------------------------------

await() { # file text seconds: waits for a line of file that contains text
  local deadline=$((SECONDS + $3))
  until grep -qF -- "$2" "$1"; do
    if ((SECONDS >= deadline)); then
      echo "---- $1 ----" >&2
      cat "$1" >&2
      die "no '$2' in $(basename "$1") within $3 s"
    fi
    sleep 0.1
  done
}

start_node() { # name fd args...: the CLI in the root, its input a fifo held open on fd
  local name="$1" fd="$2"
  shift 2
  mkfifo "$root/tmp/$name.in"
  in_root "$root" ghost-terminal --home "/tmp/$name" --username "$name" --port 0 --no-discovery "$@" \
    <"$root/tmp/$name.in" >"$run_dir/$name.out" 2>&1 &
  pids+=($!)
  eval "exec $fd>\"\$root/tmp/\$name.in\""
}

t=$SECONDS
start_node alice 3
await "$run_dir/alice.out" "* listening on port " 60
port="$(sed -n 's/^\* listening on port \([0-9]*\).*/\1/p' "$run_dir/alice.out")"
start_node bob 4 --connect "127.0.0.1:$port"
await "$run_dir/bob.out" "* connected to alice" 60
await "$run_dir/alice.out" "* connected to bob" 30
echo "hello from bob, installed by dpkg" >&4
await "$run_dir/alice.out" "<bob> hello from bob, installed by dpkg" 30
echo "hi bob, alice here" >&3
await "$run_dir/bob.out" "<alice> hi bob, alice here" 30
echo /quit >&3
echo /quit >&4
exec 3>&- 4>&-
for pid in "${pids[@]}"; do
  deadline=$((SECONDS + 30))
  while kill -0 "$pid" 2>/dev/null; do
    ((SECONDS < deadline)) || die "a node did not exit within 30 s of /quit"
    sleep 0.1
  done
  wait "$pid" || die "a node exited with status $? after /quit"
done
pids=()
say "two-node chat on 127.0.0.1:$port: bob -> alice and alice -> bob delivered, both quit ($((SECONDS - t)) s)"

# --- uninstall -------------------------------------------------------------------------------

in_root "$root" dpkg --purge ghost-terminal >"$run_dir/purge.log" 2>&1 || fail_with_log "$run_dir/purge.log" "dpkg --purge failed"
for f in /usr/bin/ghost-terminal /usr/share/ghost-terminal /usr/share/man/man1/ghost-terminal.1.gz /usr/share/doc/ghost-terminal; do
  [ ! -e "$root$f" ] || die "$f is still there after dpkg --purge"
done
say "dpkg --purge ghost-terminal: no file left"
say "passed in $((SECONDS - started)) s ($root_note)"
