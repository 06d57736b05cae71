#!/usr/bin/env bash
# Builds backcoach.app and a .dmg on macOS, in one command:
#
#   packaging/macos/build.sh
#
# Makes dist/backcoach.app and dist/backcoach-<version>-macos-<arch>.dmg, after running
# the frozen app's --self-test. Uses ./.venv (created, with the "package" extra, when
# missing). Signing and notarisation happen when the environment provides them (the
# release workflow sets these from its secrets); without them the app is signed ad hoc,
# which runs on the machine that built it but not, through Gatekeeper, elsewhere:
#   MACOS_SIGN_IDENTITY    "Developer ID Application: Name (TEAMID)", in the keychain
#   MACOS_NOTARY_PROFILE   a profile saved by `xcrun notarytool store-credentials`
set -euo pipefail
cd "$(dirname "$0")/../.."
[ "$(uname -s)" = Darwin ] || { echo "build.sh: this builds the macOS app; run it on macOS" >&2; exit 1; }

PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
if ! .venv/bin/python -c "import PyInstaller, PySide6, pyttsx3, platformdirs, tomli_w" 2>/dev/null; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q ".[package]"
fi
version=$(.venv/bin/python -c "import backcoach; print(backcoach.__version__)")
arch=$(uname -m)
app=dist/backcoach.app
dmg="dist/backcoach-$version-macos-$arch.dmg"

echo "== icon"
rm -rf build/macos && mkdir -p build/macos
.venv/bin/python packaging/icons.py --iconset build/macos/backcoach.iconset
iconutil -c icns -o build/macos/backcoach.icns build/macos/backcoach.iconset

echo "== PyInstaller: $app"
rm -rf "$app" dist/backcoach build/pyinstaller
.venv/bin/python -m PyInstaller --noconfirm --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/pyinstaller/backcoach.spec
/usr/libexec/PlistBuddy -c "Print :CFBundleIdentifier" "$app/Contents/Info.plist"

echo "== self-test of the frozen app"
"$app/Contents/MacOS/backcoach" --version
QT_QPA_PLATFORM=offscreen "$app/Contents/MacOS/backcoach" --self-test

echo "== signing"
if [ -n "${MACOS_SIGN_IDENTITY:-}" ]; then
  # Inside out: every library and executable first, then the bundle itself. The
  # hardened runtime (required for notarisation) needs the entitlements for ctypes.
  sign=(codesign --force --timestamp --options runtime
    --entitlements packaging/macos/entitlements.plist --sign "$MACOS_SIGN_IDENTITY")
  find "$app/Contents" -type f \( -name "*.dylib" -o -name "*.so" -o -perm -u+x \) \
    -print0 | xargs -0 "${sign[@]}"
  "${sign[@]}" "$app"
else
  echo "MACOS_SIGN_IDENTITY is not set: ad-hoc signature, for this machine only"
  codesign --force --deep --sign - "$app"
fi
codesign --verify --deep --strict "$app"

echo "== disk image: $dmg"
stage=build/macos/dmg
rm -rf "$stage" "$dmg" && mkdir -p "$stage"
cp -R "$app" "$stage/"
ln -s /Applications "$stage/Applications"
hdiutil create -volname "backcoach $version" -srcfolder "$stage" -ov -format UDZO "$dmg"

if [ -n "${MACOS_SIGN_IDENTITY:-}" ]; then
  codesign --force --timestamp --sign "$MACOS_SIGN_IDENTITY" "$dmg"
fi
if [ -n "${MACOS_SIGN_IDENTITY:-}" ] && [ -n "${MACOS_NOTARY_PROFILE:-}" ]; then
  echo "== notarisation"
  xcrun notarytool submit "$dmg" --keychain-profile "$MACOS_NOTARY_PROFILE" --wait
  xcrun stapler staple "$dmg"
  spctl --assess --type open --context context:primary-signature --verbose "$dmg"
else
  echo "not notarised (needs MACOS_SIGN_IDENTITY and MACOS_NOTARY_PROFILE)"
fi
echo "== $dmg $(du -sh "$dmg" | cut -f1), $app $(du -sh "$app" | cut -f1)"
