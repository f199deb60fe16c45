; Inno Setup script: a per-machine installer for the Police and Crime Plan tracker on Windows.
; It packs the PyInstaller one-folder bundle (both programs, tracker-app.exe and tracker.exe, and their shared
; _internal folder) into Program Files, adds Start menu entries and an uninstaller. See README.md beside it.
;
;   iscc pcp-tracker.iss                                  (the bundle in ..\..\dist\tracker)
;   iscc /DBundleDir=C:\build\out\tracker pcp-tracker.iss  (a bundle elsewhere)
;
; Needs Inno Setup 6.3 or later (x64compatible). Not run on the project's Linux machines: check on Windows.

#define AppName "Police and Crime Plan tracker"
; The version is read from tracker\__init__.py, the one place it is written (its line `__version__ = "X.Y.Z"`);
; iscc /DAppVersion=X.Y.Z overrides it.
#ifndef AppVersion
  #define VersionFile FileOpen(AddBackslash(SourcePath) + "..\..\tracker\__init__.py")
  #if !VersionFile
    #error Cannot open ..\..\tracker\__init__.py to read the version
  #endif
  #define VersionLine ""
  #sub ReadVersionLine
    #define Line FileRead(VersionFile)
    #if Pos('__version__ = "', Line) == 1
      #define VersionLine Line
    #endif
  #endsub
  #for {0; !FileEof(VersionFile) && VersionLine == ""; 0} ReadVersionLine
  #expr FileClose(VersionFile)
  #if VersionLine == ""
    #error No line __version__ = "X.Y.Z" in tracker\__init__.py
  #endif
  ; what lies between the quotes of __version__ = "X.Y.Z"
  #define AppVersion Copy(VersionLine, 16, Len(VersionLine) - 16)
#endif
#define AppPublisher "pcp-tracker"
#define AppURL "https://example.org/pcp-tracker"
#ifndef BundleDir
  #define BundleDir "..\..\dist\tracker"
#endif

[Setup]
; The AppId identifies the program to Windows for upgrades and uninstalling: never change it.
AppId={{55AD46AB-9BFF-4857-BEA6-26A62353B29E}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppPublisher}
AppPublisherURL={#AppURL}
AppSupportURL={#AppURL}
; Per machine: every user of the computer gets the program, installed by an administrator (IT).
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
DefaultDirName={autopf}\PCP Tracker
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
SetupIconFile=..\..\resources\icons\pcp-tracker.ico
UninstallDisplayIcon={app}\tracker-app.exe
UninstallDisplayName={#AppName}
OutputDir=Output
OutputBaseFilename=pcp-tracker-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
; A running tracker-app holds its files open: ask to close it before files are replaced or removed.
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the whole bundle: nothing of an older version's _internal folder may be left to load.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\tracker-app.exe"; IconFilename: "{app}\_internal\tracker\_resources\icons\pcp-tracker.ico"; Comment: "Deadlines, recommendation audits and committee papers for police and crime panels"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\tracker-app.exe"; IconFilename: "{app}\_internal\tracker\_resources\icons\pcp-tracker.ico"; Tasks: desktopicon

[Run]
Filename: "{app}\tracker-app.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; The uninstaller removes what it installed. Each user's store and settings (%LOCALAPPDATA%\pcp-tracker\pcp-tracker) and the
; machine-wide configuration (%PROGRAMDATA%\pcp-tracker\pcp-tracker) are data, not program files, and stay.
