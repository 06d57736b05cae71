#!/usr/bin/env bash
# Installs the packaged backcoach so the desktop finds it, or removes it again.
#
#   ./install.sh                      for you only, under ~/.local (no root needed)
#   sudo ./install.sh --prefix /usr/local     for everyone
#   ./install.sh --uninstall [--prefix DIR]   removes what install put there
#                                     (a copy is kept as PREFIX/lib/backcoach/install.sh)
#
# Run it from the unpacked backcoach-<version>-linux-x86_64.tar.gz, or from a checkout
# after packaging/linux/build.sh. It puts:
#   PREFIX/lib/backcoach/               the program (backcoach and _internal/)
#   PREFIX/bin/backcoach                a link to it, for the command line
#   PREFIX/share/applications/          io.github.backcoach.BackCoach.desktop
#   PREFIX/share/metainfo/              io.github.backcoach.BackCoach.metainfo.xml
#   PREFIX/share/icons/hicolor/*/apps/  io.github.backcoach.BackCoach.{png,svg}
set -euo pipefail

APP_ID=io.github.backcoach.BackCoach
here=$(cd "$(dirname "$0")" && pwd)
prefix="$HOME/.local"
action=install

while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) prefix=${2:?--prefix needs a folder}; shift 2 ;;
    --prefix=*) prefix=${1#--prefix=}; shift ;;
    --uninstall) action=uninstall; shift ;;
    -h|--help) awk 'NR > 1 && /^#/ {sub(/^# ?/, ""); print; next} NR > 1 {exit}' "$0"; exit 0 ;;
    *) echo "install.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
done
prefix=$(mkdir -p "$prefix" && cd "$prefix" && pwd)
lib="$prefix/lib/backcoach"
share="$prefix/share"

refresh_caches() {
  command -v update-desktop-database >/dev/null 2>&1 &&
    update-desktop-database -q "$share/applications" 2>/dev/null || true
  command -v gtk-update-icon-cache >/dev/null 2>&1 &&
    gtk-update-icon-cache -q -t -f "$share/icons/hicolor" 2>/dev/null || true
}

# Unpacked tarball: the bundle sits next to this script. Checkout: it is in dist/.
if [ -x "$here/backcoach/backcoach" ]; then
  bundle="$here/backcoach"
else
  bundle="$here/../../dist/backcoach"
fi
icons="$here/icons"

if [ "$action" = uninstall ]; then
  [ -x "$lib/backcoach" ] || { echo "backcoach is not installed under $prefix"; exit 0; }
  rm -rf -- "$lib"
  [ -L "$prefix/bin/backcoach" ] && rm -f -- "$prefix/bin/backcoach"
  rm -f -- "$share/applications/$APP_ID.desktop" "$share/metainfo/$APP_ID.metainfo.xml"
  rm -f -- "$share"/icons/hicolor/*/apps/"$APP_ID".png "$share/icons/hicolor/scalable/apps/$APP_ID.svg"
  refresh_caches
  echo "backcoach removed from $prefix (your history and settings are kept)"
  exit 0
fi

[ -x "$bundle/backcoach" ] || {
  echo "install.sh: no program at $bundle; build it first with packaging/linux/build.sh" >&2
  exit 1
}

# Copy beside the old version, then swap, so a failed copy leaves the old one working.
mkdir -p "$prefix/lib" "$prefix/bin" "$share/applications" "$share/metainfo"
rm -rf -- "$lib.new"
cp -a "$bundle" "$lib.new"
rm -rf -- "$lib"
mv -- "$lib.new" "$lib"
ln -sfn "$lib/backcoach" "$prefix/bin/backcoach"
cp "$0" "$lib/install.sh"  # so it can be removed without the tarball

# The launcher names the program by its full path: ~/.local/bin is often not on the
# desktop session's PATH.
sed -e "s|^Exec=.*|Exec=$lib/backcoach|" -e "s|^TryExec=.*|TryExec=$lib/backcoach|" \
  "$here/$APP_ID.desktop" >"$share/applications/$APP_ID.desktop"
cp "$here/$APP_ID.metainfo.xml" "$share/metainfo/"
for png in "$icons"/hicolor/*/apps/"$APP_ID".png; do
  rel=${png#"$icons"/hicolor/}
  mkdir -p "$share/icons/hicolor/$(dirname "$rel")"
  cp "$png" "$share/icons/hicolor/$rel"
done
mkdir -p "$share/icons/hicolor/scalable/apps"
cp "$lib/_internal/assets/icons/$APP_ID.svg" "$share/icons/hicolor/scalable/apps/"
refresh_caches

echo "backcoach $("$lib/backcoach" --version | awk '{print $2}') installed under $prefix"
echo "  (to remove it: $lib/install.sh --uninstall --prefix $prefix)"
case ":$PATH:" in
  *":$prefix/bin:"*) ;;
  *) echo "  (add $prefix/bin to your PATH to type 'backcoach' in a terminal)" ;;
esac

# Qt and the voice use a few system libraries that every desktop has; say so plainly
# when one is missing rather than letting the window fail to open.
missing=$(ldd "$lib/backcoach" "$lib"/_internal/PySide6/Qt/plugins/platforms/*.so \
  "$lib"/_internal/PySide6/*.so 2>/dev/null | awk '/not found/ {print $1}' | sort -u |
  grep -v -e '^libwayland' || true)
if [ -n "$missing" ]; then
  echo "backcoach needs these system libraries, which are missing:" $missing >&2
  echo "On Debian or Ubuntu: sudo apt-get install libglib2.0-0 libgl1 libegl1 libxkbcommon0 \
libxkbcommon-x11-0 libfontconfig1 libfreetype6 libdbus-1-3 libx11-xcb1 libxcb1" >&2
fi
echo "Checking the installed program (backcoach --self-test):"
QT_QPA_PLATFORM=offscreen "$lib/backcoach" --self-test ||
  echo "The self-test found a problem (above). Please report it with that output." >&2
