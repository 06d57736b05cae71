; Inno Setup 6 script: the Windows installer for the PyInstaller bundle.
;
;   python -m PyInstaller --noconfirm --distpath dist --workpath build\pyinstaller packaging\pyinstaller\backcoach.spec
;   iscc packaging\windows\backcoach.iss
;
; makes dist\backcoach-<version>-windows-x64-setup.exe (see .github/workflows/release.yml).
; Paths below are relative to this file. It installs for the current user without
; admin rights by default (the dialog offers all users), with a Start menu entry for
; backcoach.exe, the windowed program. backcoach-cli.exe beside it is the same program
; for the command line (backcoach-cli --self-test, backcoach-cli routines, ...).
; AppVersion is checked against backcoach/__init__.py by tests/test_packaging_recipes.py.

#define AppName "backcoach"
#define AppVersion "0.1.0"
#define AppId "io.github.backcoach.BackCoach"

[Setup]
AppId={#AppId}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=backcoach developers
AppComments=A follow-along exercise coach for runners with lower back pain
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=backcoach-{#AppVersion}-windows-x64-setup
SetupIconFile=backcoach.ico
UninstallDisplayIcon={app}\backcoach.exe
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\..\dist\backcoach\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\backcoach.exe"; Comment: "Follow-along back exercises with spoken cues"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\backcoach.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\backcoach.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

