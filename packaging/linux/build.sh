#!/usr/bin/env bash
# Builds the packaged Linux app from a clone of this repository, in one command:
#
#   packaging/linux/build.sh
#
# Makes dist/backcoach/ (the one-folder program: dist/backcoach/backcoach) and
# dist/backcoach-<version>-linux-x86_64.tar.gz (that folder, the desktop file, the
# AppStream metadata, the icons and install.sh). Uses ./.venv, creating it and
# installing PyInstaller (the "package" extra) when missing. Needs binutils (PyInstaller
# reads and strips the libraries with it).
set -euo pipefail
cd "$(dirname "$0")/../.."
start=$(date +%s)

missing_tools=()
for tool in objdump readelf strip; do
  command -v "$tool" >/dev/null 2>&1 || missing_tools+=("$tool")
done
if [ ${#missing_tools[@]} -gt 0 ]; then
  echo "build.sh: ${missing_tools[*]} not found; please run: sudo apt-get install binutils" >&2
  exit 1
fi

PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
if ! .venv/bin/python -c "import PyInstaller, PySide6, pyttsx3, platformdirs, tomli_w" 2>/dev/null; then
  echo "== installing PyInstaller and backcoach's dependencies into .venv"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q ".[package]"
fi
version=$(.venv/bin/python -c "import backcoach; print(backcoach.__version__)")
arch=$(uname -m)

echo "== PyInstaller: dist/backcoach"
rm -rf build/pyinstaller dist/backcoach
.venv/bin/python -m PyInstaller --noconfirm --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/pyinstaller/backcoach.spec
built=$(date +%s)

echo "== tarball"
name="backcoach-$version-linux-$arch"
tarball="dist/backcoach-$version-linux-$arch.tar.gz"
stage="build/linux-tarball/$name"
rm -rf build/linux-tarball && mkdir -p "$stage"
cp -a dist/backcoach "$stage/backcoach"
cp packaging/linux/install.sh packaging/linux/io.github.backcoach.BackCoach.desktop \
  packaging/linux/io.github.backcoach.BackCoach.metainfo.xml "$stage/"
cp -a packaging/linux/icons "$stage/icons"
cat >"$stage/README.txt" <<EOF
backcoach $version: a follow-along exercise coach for runners with lower back pain.

Run it from here:    ./backcoach/backcoach
Install it:          ./install.sh            (menu entry and icon, under ~/.local)
Remove it:           ./install.sh --uninstall
Check it:            ./backcoach/backcoach --self-test

Spoken cues need espeak-ng from your system: sudo apt-get install espeak-ng alsa-utils
EOF
rm -f "$tarball"
tar -C build/linux-tarball --owner=0 --group=0 --sort=name -czf "$tarball" "$name"

echo "== built in $((built - start)) s (tarball $(($(date +%s) - built)) s)"
echo "   dist/backcoach/              $(du -sh dist/backcoach | cut -f1)"
echo "   $tarball  $(du -sh "$tarball" | cut -f1)"
