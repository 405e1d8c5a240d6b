; Inno Setup 6 script: the Windows installer of ATMP Pathway Planner.
; Packs the PyInstaller folder dist\atmp-desktop\ that installers\atmp-desktop.spec builds
; (the same spec as the Linux build). Exact commands: installers\windows\README.md.
;
;   ISCC.exe /DAppVersion=0.1.0 installers\windows\atmp-desktop.iss   ->  dist\atmp-desktop-0.1.0-setup.exe
;
; Installs the program (read-only) into Program Files (all users; or the user's own
; Programs folder when installed without administrator rights), a Start-menu entry
; and an uninstaller. Each user's database, settings, backups and logs are in
; %LOCALAPPDATA%\atmp-desktop\ (platformdirs), created by the program at its first
; start: nothing here writes or removes them, so uninstalling keeps every database.

#ifndef AppVersion
  #error Give the version: ISCC.exe /DAppVersion=0.1.0 installers\windows\atmp-desktop.iss
#endif
#define AppName "ATMP Pathway Planner"
#define Root "..\.."

[Setup]
; The AppId identifies the installation for upgrades and the uninstaller: never change it.
AppId={{6B1E3F6C-2D0A-4E8B-9C39-7A4D7E0C5F21}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=ATMP Pathway Planner
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Administrators install for all users (IT: /ALLUSERS); without rights, for the current user only.
PrivilegesRequired=admin
PrivilegesRequiredOverridesAllowed=commandline dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#Root}\dist
OutputBaseFilename=atmp-desktop-{#AppVersion}-setup
SetupIconFile={#Root}\build\pyinstaller\atmp-desktop\atmp-desktop.ico
UninstallDisplayIcon={app}\atmp-desktop.exe
UninstallDisplayName={#AppName} {#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
; Swedish.isl ships with Inno Setup 6.5 and later (Files\Languages in its sources); with an older
; Inno Setup, copy Swedish.isl into its Languages folder or remove this line.
Name: "swedish"; MessagesFile: "compiler:Languages\Swedish.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole frozen folder: atmp-desktop.exe (the window), atmp-desktop-cli.exe (the commands), _internal\.
Source: "{#Root}\dist\atmp-desktop\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\atmp-desktop.exe"; WorkingDir: "{app}"; Comment: "Plan and check CAR-T treatment pathways"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\atmp-desktop.exe"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\atmp-desktop.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] and no [Code] touching %LOCALAPPDATA%: the uninstaller removes only what
; [Files] and [Icons] installed, so each user's %LOCALAPPDATA%\atmp-desktop\ (atmp.db, backups\,
; preferences.json, Logs\) stays.
