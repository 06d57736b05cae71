#!/usr/bin/env bash
# The Linux release steps, in one place: .github/workflows/release.yml's Linux job runs
# this, and so does .ci/run on every run, so the two cannot drift apart.
#
#   packaging/linux/release.sh
#
# Validates the desktop file and the AppStream metainfo, builds dist/backcoach and the
# tarball (build.sh), checks the frozen program (--version, --self-test offscreen and
# on a real X server under Xvfb, which loads the bundled xcb plugin), then installs it
# from the tarball into a temporary prefix, runs it from there and uninstalls it.
# Needs what `scripts/system-deps test` installs.
set -euo pipefail
cd "$(dirname "$0")/../.."
APP_ID=io.github.backcoach.BackCoach

echo "== desktop metadata"
desktop-file-validate "packaging/linux/$APP_ID.desktop"
appstreamcli validate --explain --no-net "packaging/linux/$APP_ID.metainfo.xml"

echo "== packaged app: build"
packaging/linux/build.sh

echo "== packaged app: the frozen program itself"
QT_QPA_PLATFORM=offscreen dist/backcoach/backcoach --version
QT_QPA_PLATFORM=offscreen dist/backcoach/backcoach --self-test
env -u QT_QPA_PLATFORM xvfb-run -a -s "-screen 0 1600x1000x24" dist/backcoach/backcoach --self-test

echo "== packaged app: install from the tarball, run, uninstall"
inst=$(mktemp -d)
trap 'rm -rf "$inst"' EXIT
tar -C "$inst" -xzf dist/backcoach-*-linux-*.tar.gz
"$inst"/backcoach-*/install.sh --prefix "$inst/prefix"
(cd /tmp && "$inst/prefix/bin/backcoach" --version && "$inst/prefix/bin/backcoach" routines >/dev/null)
desktop-file-validate "$inst/prefix/share/applications/$APP_ID.desktop"
appstreamcli validate --no-net "$inst/prefix/share/metainfo/$APP_ID.metainfo.xml"
"$inst/prefix/lib/backcoach/install.sh" --uninstall --prefix "$inst/prefix"
[ ! -e "$inst/prefix/lib/backcoach" ] && [ ! -e "$inst/prefix/bin/backcoach" ]
echo "== Linux release steps passed"
